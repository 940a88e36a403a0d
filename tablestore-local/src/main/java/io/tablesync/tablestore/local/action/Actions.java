package io.tablesync.tablestore.local.action;

import io.tablesync.tablestore.local.engine.Database;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The table of supported protocol actions, by name (the request path without its leading slash). */
public final class Actions {

    private final Map<String, Action> actions = new HashMap<>();

    public Actions(Database db) {
        this(db, Set.of());
    }

    /**
     * The actions, less those withheld: a withheld action is answered like one tablestore-local does not have
     * (OTSUnsupportOperation), so clients' handling of an older or smaller service can be tested.
     *
     * @throws IllegalArgumentException when a withheld name is not an action tablestore-local serves
     */
    public Actions(Database db, Set<String> withheld) {
        new TableActions(db).register(actions);
        new RowActions(db).register(actions);
        new BatchActions(db).register(actions);
        new RangeAction(db).register(actions);
        new BulkExportAction(db).register(actions);
        new StreamActions(db).register(actions);
        new SplitPointsAction(db).register(actions);
        for (String name : withheld) {
            if (actions.remove(name) == null) {
                throw new IllegalArgumentException("cannot withhold action " + name
                        + ": tablestore-local does not serve it (it serves " + String.join(", ", new TreeSet<>(actions.keySet())) + ")");
            }
        }
    }

    /** The action, or null when tablestore-local does not implement it. */
    public Action get(String name) {
        return actions.get(name);
    }
}

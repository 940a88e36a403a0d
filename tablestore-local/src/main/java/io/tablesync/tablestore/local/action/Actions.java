package io.tablesync.tablestore.local.action;

import io.tablesync.tablestore.local.engine.Database;
import java.util.HashMap;
import java.util.Map;

/** The table of supported protocol actions, by name (the request path without its leading slash). */
public final class Actions {

    private final Map<String, Action> actions = new HashMap<>();

    public Actions(Database db) {
        new TableActions(db).register(actions);
        new RowActions(db).register(actions);
        new BatchActions(db).register(actions);
        new RangeAction(db).register(actions);
        new StreamActions(db).register(actions);
        new SplitPointsAction(db).register(actions);
    }

    /** The action, or null when tablestore-local does not implement it. */
    public Action get(String name) {
        return actions.get(name);
    }
}

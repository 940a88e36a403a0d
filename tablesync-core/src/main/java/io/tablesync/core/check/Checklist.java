package io.tablesync.core.check;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What {@code tablesync check} found for one job: each probe of the job file, the source and the
 * sink as a passed (✓) or failed (✗) item; a failed item says what to do. Plugins add their items
 * through {@link io.tablesync.core.spi.ReaderPlugin#check} and {@link io.tablesync.core.spi.WriterPlugin#check}.
 */
public final class Checklist {
    /**
     * One line of the checklist.
     *
     * @param subject what was checked, e.g. "Tablestore credentials"
     * @param detail  what was found (for a failure: the error, naming the key, table or index)
     * @param fix     what to do about a failure; null for a passed item
     */
    public record Item(String subject, boolean passed, String detail, String fix) {
    }

    private final List<Item> items = new ArrayList<>();

    public void pass(String subject, String detail) {
        items.add(new Item(subject, true, detail, null));
    }

    public void fail(String subject, String detail, String fix) {
        items.add(new Item(subject, false, detail, fix));
    }

    public List<Item> items() {
        return Collections.unmodifiableList(items);
    }

    /** True when every item passed (and there is at least one). */
    public boolean passed() {
        return !items.isEmpty() && items.stream().allMatch(Item::passed);
    }

    /** The items as the terminal shows them: "✓ subject: detail", and for a failure the fix on the next line. */
    public String render(String indent) {
        StringBuilder out = new StringBuilder();
        for (Item i : items) {
            out.append(indent).append(i.passed() ? "✓ " : "✗ ").append(i.subject()).append(": ").append(i.detail()).append('\n');
            if (!i.passed() && i.fix() != null) {
                out.append(indent).append("    → ").append(i.fix()).append('\n');
            }
        }
        return out.toString();
    }
}

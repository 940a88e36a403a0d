package io.tablesync.plugin.elasticsearch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The bulk request being built: actions are serialised as they arrive, and a change of a document that
 * already has an action in this batch is folded into it ({@link ActionCoalescer}): the earlier action's
 * bytes are left out of the body and the combined action takes the later one's place, so the batch sends
 * one item per document where it can. The batch counts the records it took in (DataX's {@code batchSize}
 * is records per batch) and the bytes it wrote, coalesced ones included, which bounds its memory.
 */
final class PendingBatch {
    private final BulkRequestBuilder builder = new BulkRequestBuilder();
    private final List<Entry> entries = new ArrayList<>();
    /** Per document id, the position in {@link #entries} of its latest action. */
    private final Map<String, Integer> latestById = new HashMap<>();
    private int records;
    private int live;
    private int written;

    private static final class Entry {
        final EsAction action;
        final int start;
        final int end;
        boolean live = true;

        Entry(EsAction action, int start, int end) {
            this.action = action;
            this.start = start;
            this.end = end;
        }
    }

    /** What {@link #take} hands over: the actions in order, the body, and the ids the body writes. */
    record Taken(List<EsAction> actions, byte[] body, Set<String> ids, int records) {
    }

    void add(EsAction a) {
        records++;
        EsAction action = a;
        if (a.id != null) {
            Integer at = latestById.get(a.id);
            if (at != null) {
                Entry earlier = entries.get(at);
                EsAction combined = ActionCoalescer.combine(earlier.action, a);
                if (combined != null) {
                    earlier.live = false;
                    live--;
                    action = combined;
                }
            }
        }
        builder.append(action);
        int end = builder.size();
        entries.add(new Entry(action, written, end));
        written = end;
        live++;
        if (action.id != null) {
            latestById.put(action.id, entries.size() - 1);
        }
    }

    boolean isEmpty() {
        return records == 0;
    }

    /** Records taken in since the last {@link #take}. */
    int records() {
        return records;
    }

    /** Bytes serialised since the last {@link #take}, those of coalesced-away actions included. */
    int bytesWritten() {
        return written;
    }

    /** The batch as a request; the batch is empty afterwards. */
    Taken take() {
        byte[] all = builder.take();
        List<EsAction> actions = new ArrayList<>(live);
        Set<String> ids = new HashSet<>();
        byte[] body;
        if (live == entries.size()) {
            body = all;
            for (Entry e : entries) {
                actions.add(e.action);
            }
        } else {
            int size = 0;
            for (Entry e : entries) {
                size += e.live ? e.end - e.start : 0;
            }
            body = new byte[size];
            int at = 0;
            for (Entry e : entries) {
                if (e.live) {
                    System.arraycopy(all, e.start, body, at, e.end - e.start);
                    at += e.end - e.start;
                    actions.add(e.action);
                }
            }
        }
        for (EsAction a : actions) {
            if (a.id != null) {
                ids.add(a.id);
            }
        }
        Taken t = new Taken(actions, body, ids, records);
        entries.clear();
        latestById.clear();
        records = 0;
        live = 0;
        written = 0;
        return t;
    }
}

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
        boolean keptBack;

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
        return take(id -> false);
    }

    /**
     * The batch as a request without the actions whose id {@code keepBack} accepts (their document has a
     * request in flight): those stay, in their order, as the start of the next batch, and later changes of
     * their documents are coalesced into them or follow them there. Returns an empty request when every
     * action is kept back.
     */
    Taken take(java.util.function.Predicate<String> keepBack) {
        byte[] all = builder.take();
        List<EsAction> actions = new ArrayList<>(live);
        List<Entry> kept = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        int size = 0;
        int takenRecords = 0;
        for (Entry e : entries) {
            if (!e.live) {
                continue;
            }
            if (e.action.id != null && keepBack.test(e.action.id)) {
                kept.add(e);
                e.keptBack = true;
            } else {
                actions.add(e.action);
                size += e.end - e.start;
                takenRecords += e.action.recordCount();
                if (e.action.id != null) {
                    ids.add(e.action.id);
                }
            }
        }
        byte[] body;
        if (actions.size() == entries.size()) {
            body = all;
        } else {
            body = new byte[size];
            int at = 0;
            for (Entry e : entries) {
                if (e.live && !e.keptBack) {
                    System.arraycopy(all, e.start, body, at, e.end - e.start);
                    at += e.end - e.start;
                }
            }
        }
        int keptRecords = records - takenRecords; // every record is a part of exactly one live action
        entries.clear();
        latestById.clear();
        records = 0;
        live = 0;
        written = 0;
        for (Entry e : kept) {
            builder.appendSerialised(all, e.start, e.end - e.start);
            int end = builder.size();
            entries.add(new Entry(e.action, written, end));
            written = end;
            live++;
            latestById.put(e.action.id, entries.size() - 1);
        }
        records = keptRecords;
        return new Taken(actions, body, ids, takenRecords);
    }
}

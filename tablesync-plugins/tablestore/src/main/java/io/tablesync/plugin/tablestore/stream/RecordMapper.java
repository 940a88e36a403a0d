package io.tablesync.plugin.tablestore.stream;

import com.alicloud.openservices.tablestore.model.StreamRecord;
import io.tablesync.core.element.Record;
import java.util.ArrayList;
import java.util.List;

/** Turns stream records into the records a layout emits (possibly none per stream record). */
public interface RecordMapper {
    List<Record> map(StreamRecord record, String shardId);

    /** A whole page at once (a layout may look ahead in it); one list per stream record, in order. */
    default List<List<Record>> mapPage(List<StreamRecord> page, String shardId) {
        List<List<Record>> out = new ArrayList<>(page.size());
        for (StreamRecord r : page) {
            out.add(map(r, shardId));
        }
        return out;
    }

    static RecordMapper of(StreamReaderConfig c, Runnable onIgnoredDelete, RowExistence rowExistence) {
        return c.mode() == ReadMode.MULTI_VERSION
                ? new MultiVersionRecordMapper(c.exportSequenceInfo())
                : new SingleVersionRecordMapper(c.columns(), c.exportSequenceInfo(), c.deleteMode(), onIgnoredDelete,
                        rowExistence);
    }
}

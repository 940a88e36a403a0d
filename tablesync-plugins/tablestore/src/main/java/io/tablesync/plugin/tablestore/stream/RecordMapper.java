package io.tablesync.plugin.tablestore.stream;

import com.alicloud.openservices.tablestore.model.StreamRecord;
import io.tablesync.core.element.Record;
import java.util.List;

/** Turns one stream record into the records a layout emits (possibly none). */
public interface RecordMapper {
    List<Record> map(StreamRecord record, String shardId);

    static RecordMapper of(StreamReaderConfig c, Runnable onIgnoredDelete, RowExistence rowExistence) {
        return c.mode() == ReadMode.MULTI_VERSION
                ? new MultiVersionRecordMapper(c.exportSequenceInfo())
                : new SingleVersionRecordMapper(c.columns(), c.exportSequenceInfo(), c.deleteMode(), onIgnoredDelete,
                        rowExistence);
    }
}

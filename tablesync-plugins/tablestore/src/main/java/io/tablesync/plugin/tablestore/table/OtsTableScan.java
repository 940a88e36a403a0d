package io.tablesync.plugin.tablestore.table;

import com.alicloud.openservices.tablestore.SyncClient;
import com.alicloud.openservices.tablestore.model.PrimaryKeySchema;
import io.tablesync.core.config.Configuration;
import io.tablesync.core.element.Record;
import io.tablesync.core.source.SourceSplit;
import io.tablesync.core.source.SplitReader;
import io.tablesync.core.verify.TableScan;
import io.tablesync.plugin.tablestore.OtsStreamReaderErrorCode;
import io.tablesync.plugin.tablestore.client.OtsClients;
import io.tablesync.plugin.tablestore.client.OtsEndpoint;
import io.tablesync.plugin.tablestore.reader.OtsReaderConfig;
import io.tablesync.plugin.tablestore.stream.ReadMode;
import io.tablesync.plugin.tablestore.stream.StreamReaderConfig;
import java.util.List;
import java.util.Map;

/** {@code verify}'s view of a Tablestore table, for otsreader and otsstreamreader jobs alike. */
public final class OtsTableScan implements TableScan {
    private final SyncClient client;
    private final TableReading reading;
    private final String where;

    private OtsTableScan(SyncClient client, TableReading reading, String where) {
        this.client = client;
        this.reading = reading;
        this.where = where;
    }

    /** An otsreader job's table, in its column layout (constants included). */
    public static OtsTableScan forOtsReader(Configuration parameter) {
        OtsReaderConfig c = OtsReaderConfig.load(parameter);
        OtsEndpoint.probe(c.endpoint());
        SyncClient client = OtsClients.create(c.endpoint(), c.accessId(), c.accessKey(), c.instanceName(), 4, c.maxRetries());
        return open(client, c.table(), new RowLayout(c.columns(), 0), c.endpoint());
    }

    /** An otsstreamreader job's data table, in the layout its stream gives a PutRow. */
    public static OtsTableScan forStreamReader(Configuration parameter) {
        StreamReaderConfig c = StreamReaderConfig.loadContinuous(parameter);
        OtsEndpoint.probe(c.endpoint());
        SyncClient client = OtsClients.create(c, 4);
        return open(client, c.dataTable(), streamLayout(c), c.endpoint());
    }

    /** The layout of a single-version stream job's records; other modes have no row layout to compare. */
    public static RowLayout streamLayout(StreamReaderConfig c) {
        if (c.mode() != ReadMode.SINGLE_VERSION_AND_UPDATE_ONLY) {
            throw OtsStreamReaderErrorCode.userError("a table copy or comparison needs mode single_version_and_update_only"
                    + " (one record per row with the listed columns); this job reads the multi-version layout");
        }
        return new RowLayout(c.columns().stream().map(RowLayout.OutputColumn::named).toList(), c.exportSequenceInfo() ? 1 : 0);
    }

    private static OtsTableScan open(SyncClient client, String table, RowLayout layout, String endpoint) {
        try {
            List<PrimaryKeySchema> schema = io.tablesync.plugin.tablestore.reader.OtsReaderJob.schema(client, table, endpoint);
            return new OtsTableScan(client, new TableReading(client, table, schema, layout), "table " + table + " at " + endpoint);
        } catch (RuntimeException e) {
            client.shutdown();
            throw e;
        }
    }

    @Override
    public String describe() {
        return where;
    }

    @Override
    public List<SourceSplit> ranges(int wanted) {
        return reading.splits(reading.planner().wholeTable(), wanted, "range-");
    }

    @Override
    public SplitReader reader(SourceSplit range) {
        return reading.reader(range);
    }

    @Override
    public List<Record> lookup(List<Record> keys) {
        return reading.lookup(keys);
    }

    @Override
    public Record keyRecord(Map<Integer, String> keyText) {
        return reading.keyRecord(keyText);
    }

    @Override
    public List<Record> sampleKeys(int n, long seed) {
        return reading.sampleKeys(n, seed);
    }

    @Override
    public void close() {
        client.shutdown();
    }
}

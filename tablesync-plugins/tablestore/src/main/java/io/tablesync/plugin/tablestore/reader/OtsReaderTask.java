package io.tablesync.plugin.tablestore.reader;

import com.alicloud.openservices.tablestore.SyncClient;
import com.alicloud.openservices.tablestore.model.Direction;
import com.alicloud.openservices.tablestore.model.Row;
import io.tablesync.core.config.Configuration;
import io.tablesync.core.spi.Reader;
import io.tablesync.core.spi.RecordSender;
import io.tablesync.plugin.tablestore.client.OtsClients;
import io.tablesync.plugin.tablestore.table.KeyRange;
import io.tablesync.plugin.tablestore.table.RangeReader;
import io.tablesync.plugin.tablestore.table.RowLayout;
import java.util.List;

/** otsreader's task: reads its key range page by page and sends each row in the configured column order. */
public final class OtsReaderTask extends Reader.Task {
    private OtsReaderConfig config;
    private SyncClient client;
    private KeyRange range;
    private Direction direction;

    @Override
    public void init() {
        Configuration c = getPluginJobConf();
        config = OtsReaderConfig.load(c);
        range = KeyRange.decode(c.getNecessaryString(OtsReaderJob.TASK_RANGE));
        direction = Direction.valueOf(c.getNecessaryString(OtsReaderJob.TASK_DIRECTION));
        client = OtsClients.create(config.endpoint(), config.accessId(), config.accessKey(), config.instanceName(), 1,
                config.maxRetries());
    }

    @Override
    public void startRead(RecordSender sender) {
        RowLayout layout = new RowLayout(config.columns(), 0);
        List<String> keys = java.util.Arrays.stream(range.next().getPrimaryKeyColumns()).map(k -> k.getName()).toList();
        RangeReader reader = new RangeReader(client, config.table(), layout.columnsToGet(keys), direction);
        RangeReader.Cursor cursor = reader.cursor(range);
        boolean more = true;
        while (more && !isStopRequested()) {
            RangeReader.Page page = cursor.next(-1);
            for (Row row : page.rows()) {
                sender.sendToWriter(layout.toRecord(row));
            }
            sender.flush();
            more = page.next() != null;
        }
    }

    @Override
    public void destroy() {
        if (client != null) {
            client.shutdown();
        }
    }
}

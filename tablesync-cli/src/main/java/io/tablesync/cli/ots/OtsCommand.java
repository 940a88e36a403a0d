package io.tablesync.cli.ots;

import com.alicloud.openservices.tablestore.SyncClient;
import com.alicloud.openservices.tablestore.model.CreateTableRequest;
import com.alicloud.openservices.tablestore.model.DeleteRowRequest;
import com.alicloud.openservices.tablestore.model.DescribeStreamRequest;
import com.alicloud.openservices.tablestore.model.DescribeStreamResponse;
import com.alicloud.openservices.tablestore.model.DescribeTableRequest;
import com.alicloud.openservices.tablestore.model.DescribeTableResponse;
import com.alicloud.openservices.tablestore.model.GetRangeRequest;
import com.alicloud.openservices.tablestore.model.GetRangeResponse;
import com.alicloud.openservices.tablestore.model.GetRowRequest;
import com.alicloud.openservices.tablestore.model.ListStreamRequest;
import com.alicloud.openservices.tablestore.model.PrimaryKey;
import com.alicloud.openservices.tablestore.model.PrimaryKeyBuilder;
import com.alicloud.openservices.tablestore.model.PrimaryKeySchema;
import com.alicloud.openservices.tablestore.model.PrimaryKeyType;
import com.alicloud.openservices.tablestore.model.PrimaryKeyValue;
import com.alicloud.openservices.tablestore.model.PutRowRequest;
import com.alicloud.openservices.tablestore.model.RangeRowQueryCriteria;
import com.alicloud.openservices.tablestore.model.Row;
import com.alicloud.openservices.tablestore.model.RowDeleteChange;
import com.alicloud.openservices.tablestore.model.RowPutChange;
import com.alicloud.openservices.tablestore.model.RowUpdateChange;
import com.alicloud.openservices.tablestore.model.SingleRowQueryCriteria;
import com.alicloud.openservices.tablestore.model.StreamShard;
import com.alicloud.openservices.tablestore.model.StreamSpecification;
import com.alicloud.openservices.tablestore.model.TableMeta;
import com.alicloud.openservices.tablestore.model.TableOptions;
import com.alicloud.openservices.tablestore.model.UpdateRowRequest;
import io.tablesync.core.TablesyncException;
import io.tablesync.plugin.tablestore.client.OtsErrors;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tablesync ots …}: enough of Tablestore to follow the README end to end without writing
 * code — create a table with a stream, write, read and delete rows, split a shard (tablestore-local).
 * Connects to tablestore-local's defaults unless {@code --endpoint} and the credentials say otherwise.
 */
@Command(name = "ots", mixinStandardHelpOptions = true,
        description = {"A small Tablestore client (tablestore-local by default) for trying jobs out without writing code.",
            "",
            "Examples:",
            "  tablesync ots create-table table_name --pk uid:string --stream",
            "  tablesync ots put table_name uid=u1 name=Alice phone=111 age:integer=30",
            "  tablesync ots update table_name uid=u1 phone=999 --delete-column age",
            "  tablesync ots scan table_name"},
        subcommands = {OtsCommand.CreateTable.class, OtsCommand.ListTables.class, OtsCommand.Describe.class,
            OtsCommand.Put.class, OtsCommand.Update.class, OtsCommand.Delete.class, OtsCommand.Get.class,
            OtsCommand.Scan.class, OtsCommand.SplitShard.class})
public final class OtsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 255;
    }

    /** Shared: connection, client lifetime, error translation, output. */
    abstract static class Base implements Callable<Integer> {
        @Mixin
        OtsConnection connection;

        @Spec
        CommandSpec spec;

        @Override
        public final Integer call() {
            SyncClient client = connection.client();
            try {
                return run(client, spec.commandLine().getOut());
            } catch (TablesyncException e) {
                throw e;
            } catch (RuntimeException e) {
                throw OtsErrors.translate(e, what(), connection.checkedEndpoint());
            } finally {
                client.shutdown();
            }
        }

        abstract String what();

        abstract int run(SyncClient client, PrintWriter out);

        static List<PrimaryKeySchema> keySchema(SyncClient client, String table) {
            return describe(client, table).getTableMeta().getPrimaryKeyList();
        }

        static DescribeTableResponse describe(SyncClient client, String table) {
            return client.describeTable(new DescribeTableRequest(table));
        }
    }

    @Command(name = "create-table", mixinStandardHelpOptions = true, description = "Create a table (optionally with a stream).")
    static final class CreateTable extends Base {
        @Parameters(index = "0", paramLabel = "TABLE")
        String table;

        @Option(names = "--pk", required = true, paramLabel = "NAME:TYPE",
                description = "A primary key column, in order; TYPE is string, integer or binary. Repeatable.")
        List<String> keys;

        @Option(names = "--stream", description = "Enable the table's stream (what otsstreamreader reads).")
        boolean stream;

        @Option(names = "--expiry", paramLabel = "HOURS", defaultValue = "24",
                description = "Stream retention in hours (default: ${DEFAULT-VALUE}).")
        int expiryHours;

        @Override
        String what() {
            return "creating table " + table;
        }

        @Override
        int run(SyncClient client, PrintWriter out) {
            TableMeta meta = new TableMeta(table);
            for (String k : keys) {
                int colon = k.indexOf(':');
                String name = colon < 0 ? k : k.substring(0, colon);
                String type = colon < 0 ? "string" : k.substring(colon + 1).toUpperCase(Locale.ROOT);
                try {
                    meta.addPrimaryKeyColumn(new PrimaryKeySchema(name, PrimaryKeyType.valueOf(type)));
                } catch (IllegalArgumentException e) {
                    throw OtsRows.error("--pk " + k + ": the type must be string, integer or binary");
                }
            }
            CreateTableRequest req = new CreateTableRequest(meta, new TableOptions(-1, 1));
            if (stream) {
                req.setStreamSpecification(new StreamSpecification(true, expiryHours));
            }
            client.createTable(req);
            out.println("created table " + table + (stream ? " with a stream (" + expiryHours + " h retention)" : ""));
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the tables.")
    static final class ListTables extends Base {
        @Override
        String what() {
            return "listing tables";
        }

        @Override
        int run(SyncClient client, PrintWriter out) {
            client.listTable().getTableNames().forEach(out::println);
            return 0;
        }
    }

    @Command(name = "describe", mixinStandardHelpOptions = true, description = "Show a table's primary key, stream and shards.")
    static final class Describe extends Base {
        @Parameters(index = "0", paramLabel = "TABLE")
        String table;

        @Override
        String what() {
            return "describing table " + table;
        }

        @Override
        int run(SyncClient client, PrintWriter out) {
            DescribeTableResponse r = describe(client, table);
            List<String> keys = new ArrayList<>();
            r.getTableMeta().getPrimaryKeyList().forEach(k -> keys.add(k.getName() + ":" + k.getType().name().toLowerCase(Locale.ROOT)));
            out.println("table: " + table);
            out.println("primary key: " + String.join(", ", keys));
            boolean enabled = r.getStreamDetails() != null && r.getStreamDetails().isEnableStream();
            out.println("stream: " + (enabled ? "enabled, " + r.getStreamDetails().getExpirationTime() + " h retention" : "disabled"));
            if (enabled) {
                for (StreamShard s : shards(client, table)) {
                    out.println("shard: " + s.getShardId() + (s.getParentId() == null ? "" : " parent " + s.getParentId())
                            + (s.getParentSiblingId() == null ? "" : " parent sibling " + s.getParentSiblingId()));
                }
            }
            return 0;
        }
    }

    static List<StreamShard> shards(SyncClient client, String table) {
        ListStreamRequest ls = new ListStreamRequest(table);
        String streamId = client.listStream(ls).getStreams().stream().filter(s -> s.getTableName().equals(table))
                .findFirst().orElseThrow(() -> OtsRows.error("table " + table + " has no stream")).getStreamId();
        List<StreamShard> out = new ArrayList<>();
        DescribeStreamRequest req = new DescribeStreamRequest(streamId);
        while (true) {
            DescribeStreamResponse r = client.describeStream(req);
            out.addAll(r.getShards());
            if (r.getNextShardId() == null) {
                return out;
            }
            req.setInclusiveStartShardId(r.getNextShardId());
        }
    }

    @Command(name = "put", mixinStandardHelpOptions = true,
            description = "Write a whole row (PutRow): key columns and attributes as name=value (name:integer=5 for other types).")
    static final class Put extends Base {
        @Parameters(index = "0", paramLabel = "TABLE")
        String table;

        @Parameters(index = "1..*", paramLabel = "NAME=VALUE", description = "Primary key and attribute columns.")
        List<String> values = new ArrayList<>();

        @Override
        String what() {
            return "putting a row into " + table;
        }

        @Override
        int run(SyncClient client, PrintWriter out) {
            List<PrimaryKeySchema> schema = keySchema(client, table);
            List<OtsRows.Assignment> a = OtsRows.parse(values);
            RowPutChange change = new RowPutChange(table, OtsRows.primaryKey(schema, a));
            a.stream().filter(v -> !OtsRows.isKey(schema, v.name())).forEach(v -> change.addColumn(v.name(), OtsRows.value(v)));
            client.putRow(new PutRowRequest(change));
            out.println("put 1 row");
            return 0;
        }
    }

    @Command(name = "update", mixinStandardHelpOptions = true,
            description = "Change some columns of a row (UpdateRow): set name=value, remove with --delete-column.")
    static final class Update extends Base {
        @Parameters(index = "0", paramLabel = "TABLE")
        String table;

        @Parameters(index = "1..*", paramLabel = "NAME=VALUE", description = "Primary key columns and the attributes to set.")
        List<String> values = new ArrayList<>();

        @Option(names = "--delete-column", paramLabel = "NAME", description = "An attribute to remove. Repeatable.")
        List<String> deleteColumns = new ArrayList<>();

        @Override
        String what() {
            return "updating a row of " + table;
        }

        @Override
        int run(SyncClient client, PrintWriter out) {
            List<PrimaryKeySchema> schema = keySchema(client, table);
            List<OtsRows.Assignment> a = OtsRows.parse(values);
            RowUpdateChange change = new RowUpdateChange(table, OtsRows.primaryKey(schema, a));
            a.stream().filter(v -> !OtsRows.isKey(schema, v.name())).forEach(v -> change.put(v.name(), OtsRows.value(v)));
            deleteColumns.forEach(change::deleteColumns);
            if (change.getColumnsToUpdate().isEmpty()) {
                throw OtsRows.error("nothing to update: give NAME=VALUE or --delete-column NAME besides the primary key");
            }
            client.updateRow(new UpdateRowRequest(change));
            out.println("updated 1 row");
            return 0;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a row (DeleteRow) by its primary key.")
    static final class Delete extends Base {
        @Parameters(index = "0", paramLabel = "TABLE")
        String table;

        @Parameters(index = "1..*", paramLabel = "KEY=VALUE")
        List<String> values = new ArrayList<>();

        @Override
        String what() {
            return "deleting a row of " + table;
        }

        @Override
        int run(SyncClient client, PrintWriter out) {
            PrimaryKey pk = OtsRows.primaryKey(keySchema(client, table), OtsRows.parse(values));
            client.deleteRow(new DeleteRowRequest(new RowDeleteChange(table, pk)));
            out.println("deleted 1 row");
            return 0;
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = "Print a row as JSON (exit 1 if there is none).")
    static final class Get extends Base {
        @Parameters(index = "0", paramLabel = "TABLE")
        String table;

        @Parameters(index = "1..*", paramLabel = "KEY=VALUE")
        List<String> values = new ArrayList<>();

        @Override
        String what() {
            return "reading a row of " + table;
        }

        @Override
        int run(SyncClient client, PrintWriter out) {
            SingleRowQueryCriteria c = new SingleRowQueryCriteria(table, OtsRows.primaryKey(keySchema(client, table), OtsRows.parse(values)));
            c.setMaxVersions(1);
            Row row = client.getRow(new GetRowRequest(c)).getRow();
            if (row == null) {
                spec.commandLine().getErr().println("tablesync: no such row in " + table);
                return 1;
            }
            out.println(OtsRows.json(row));
            return 0;
        }
    }

    @Command(name = "scan", mixinStandardHelpOptions = true, description = "Print every row (or the first --limit) as JSON lines.")
    static final class Scan extends Base {
        @Parameters(index = "0", paramLabel = "TABLE")
        String table;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "-1", description = "At most N rows.")
        int limit;

        @Override
        String what() {
            return "scanning " + table;
        }

        @Override
        int run(SyncClient client, PrintWriter out) {
            List<PrimaryKeySchema> schema = keySchema(client, table);
            PrimaryKeyBuilder from = PrimaryKeyBuilder.createPrimaryKeyBuilder();
            PrimaryKeyBuilder to = PrimaryKeyBuilder.createPrimaryKeyBuilder();
            schema.forEach(s -> {
                from.addPrimaryKeyColumn(s.getName(), PrimaryKeyValue.INF_MIN);
                to.addPrimaryKeyColumn(s.getName(), PrimaryKeyValue.INF_MAX);
            });
            RangeRowQueryCriteria c = new RangeRowQueryCriteria(table);
            c.setInclusiveStartPrimaryKey(from.build());
            c.setExclusiveEndPrimaryKey(to.build());
            c.setMaxVersions(1);
            int printed = 0;
            while (true) {
                GetRangeResponse r = client.getRange(new GetRangeRequest(c));
                for (Row row : r.getRows()) {
                    if (limit >= 0 && printed >= limit) {
                        return 0;
                    }
                    out.println(OtsRows.json(row));
                    printed++;
                }
                if (r.getNextStartPrimaryKey() == null) {
                    return 0;
                }
                c.setInclusiveStartPrimaryKey(r.getNextStartPrimaryKey());
            }
        }
    }

    @Command(name = "split-shard", mixinStandardHelpOptions = true,
            description = "Split a stream shard in two, as the service does when a partition splits (tablestore-local only).")
    static final class SplitShard extends Base {
        @Parameters(index = "0", paramLabel = "TABLE")
        String table;

        @Parameters(index = "1", arity = "0..1", paramLabel = "SHARD", description = "Default: the first open shard.")
        String shard;

        @Override
        String what() {
            return "splitting a shard of " + table;
        }

        @Override
        int run(SyncClient client, PrintWriter out) {
            String target = shard;
            if (target == null) {
                List<StreamShard> all = shards(client, table);
                Set<String> parents = new HashSet<>();
                all.forEach(s -> {
                    if (s.getParentId() != null) {
                        parents.add(s.getParentId());
                    }
                    if (s.getParentSiblingId() != null) {
                        parents.add(s.getParentSiblingId());
                    }
                });
                target = all.stream().map(StreamShard::getShardId).filter(id -> !parents.contains(id)).findFirst()
                        .orElseThrow(() -> OtsRows.error("table " + table + " has no open shard"));
            }
            String url = connection.checkedEndpoint() + "/_local/split-shard?table=" + URLEncoder.encode(table, StandardCharsets.UTF_8)
                    + "&shard=" + URLEncoder.encode(target, StandardCharsets.UTF_8);
            try {
                HttpResponse<String> r = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build().send(
                        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() / 100 != 2) {
                    throw OtsRows.error("split-shard answered HTTP " + r.statusCode() + ": " + r.body()
                            + " (only tablestore-local can split shards on request)");
                }
                out.println("split " + target + ": " + r.body());
                return 0;
            } catch (java.io.IOException e) {
                throw OtsRows.error("split-shard failed: " + io.tablesync.core.net.NetworkErrors.describe(e));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw OtsRows.error("interrupted");
            }
        }
    }
}

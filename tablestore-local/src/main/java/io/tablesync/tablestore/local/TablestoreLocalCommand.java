package io.tablesync.tablestore.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tablestore-local --port P --data-dir D --instance I --access-key-id ID --access-key-secret S --shards N
 * --without-action A}:
 * serves until SIGTERM/SIGINT, then closes the store cleanly. Prints exactly one line when ready.
 */
@Command(name = "tablestore-local", mixinStandardHelpOptions = true,
        description = "Runs a local Tablestore-compatible server for development and tests.")
public final class TablestoreLocalCommand implements Callable<Integer> {

    @Option(names = "--port", description = "TCP port on 127.0.0.1 (0 = any free port). Default: ${DEFAULT-VALUE}.")
    int port = 8600;

    @Option(names = "--data-dir", description = "Directory for durable data. Default: in memory only.")
    Path dataDir;

    @Option(names = "--instance", description = "Instance name clients must use. Default: ${DEFAULT-VALUE}.")
    String instance = TablestoreLocal.DEFAULT_INSTANCE;

    @Option(names = "--access-key-id", description = "AccessKeyId clients must use. Default: ${DEFAULT-VALUE}.")
    String accessKeyId = TablestoreLocal.DEFAULT_ACCESS_KEY_ID;

    // The default secret is public (documented for local use); a secret given here is never printed.
    @Option(names = "--access-key-secret", description = "AccessKeySecret clients must use. Default: the documented local secret.")
    String accessKeySecret = TablestoreLocal.DEFAULT_ACCESS_KEY_SECRET;

    @Option(names = "--shards", description = "Test option, not service behaviour: every new stream gets N shards and rows"
            + " are spread over them by partition-key hash. Default: one shard per table partition, as the service does.")
    Integer shards;

    @Option(names = "--without-action", paramLabel = "ACTION", description = "Test option, not service behaviour:"
            + " answer ACTION (e.g. BulkExport) as unsupported, like a service without it. Repeatable.")
    List<String> withoutActions = new ArrayList<>();

    @Override
    public Integer call() throws InterruptedException {
        TablestoreLocal.Builder builder = TablestoreLocal.builder()
                .port(port).dataDir(dataDir).instance(instance).credentials(accessKeyId, accessKeySecret);
        if (shards != null) {
            if (shards < 1 || shards > 1024) {
                System.err.println("tablestore-local: --shards must be in [1, 1024], was " + shards);
                return 1;
            }
            builder.shards(shards);
        }
        builder.withoutActions(withoutActions.toArray(String[]::new));
        TablestoreLocal server;
        try {
            server = builder.build().start();
        } catch (IllegalArgumentException | IllegalStateException | java.io.UncheckedIOException e) {
            // A wrong option or an unusable data directory / port: say what, no stack trace.
            System.err.println("tablestore-local: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "tablestore-local-shutdown"));
        System.out.println("tablestore-local listening on " + server.endpoint() + " instance " + server.instance());
        System.out.flush();
        stopped.await();
        return 0;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new TablestoreLocalCommand()).execute(args));
    }
}

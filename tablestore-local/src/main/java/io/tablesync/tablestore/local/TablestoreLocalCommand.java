package io.tablesync.tablestore.local;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tablestore-local --port P --data-dir D --instance I --access-key-id ID --access-key-secret S --shards N}:
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

    @Option(names = "--shards", description = "Shards per stream. Default: ${DEFAULT-VALUE}.")
    int shards = TablestoreLocal.DEFAULT_SHARDS;

    @Override
    public Integer call() throws InterruptedException {
        TablestoreLocal server = TablestoreLocal.builder()
                .port(port).dataDir(dataDir).instance(instance).credentials(accessKeyId, accessKeySecret).shards(shards)
                .build().start();
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

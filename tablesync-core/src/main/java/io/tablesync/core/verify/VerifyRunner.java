package io.tablesync.core.verify;

import io.tablesync.core.FrameworkErrorCode;
import io.tablesync.core.TablesyncException;
import io.tablesync.core.config.Configuration;
import io.tablesync.core.engine.Engine;
import io.tablesync.core.engine.PluginRegistry;
import java.io.PrintStream;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code tablesync verify JOB}: opens the job's reader as a {@link TableScan} and its writer as an
 * {@link IndexTarget} (both validate their parameters first; nothing is created), runs the
 * {@link Verifier}, prints the counts and the first examples. Exit 0 only when the index equals the
 * table (or, with --repair, when every difference was repaired); 1 otherwise or on failure.
 */
public final class VerifyRunner {
    private static final Logger LOG = LoggerFactory.getLogger(VerifyRunner.class);

    private final Engine.Options engineOptions;
    private final Verifier.Options options;
    private final PluginRegistry registry;
    private final PrintStream out;

    public VerifyRunner(Engine.Options engineOptions, Verifier.Options options, PluginRegistry registry, PrintStream out) {
        this.engineOptions = engineOptions;
        this.options = options;
        this.registry = registry;
        this.out = out;
    }

    public int run() {
        try {
            Configuration root = Engine.prepare(engineOptions).root();
            String readerName = root.getNecessaryString("job.content[0].reader.name");
            String writerName = root.getNecessaryString("job.content[0].writer.name");
            registry.requireBoth(readerName, writerName);
            Configuration readerParameter = parameter(root, "reader");
            Configuration writerParameter = parameter(root, "writer");
            try (TableScan table = open(registry.reader(readerName).openScan(readerParameter), "reader " + readerName);
                 IndexTarget index = open(registry.writer(writerName).openTarget(writerParameter), "writer " + writerName)) {
                out.println("verify: " + table.describe() + " against " + index.describe()
                        + (options.sample() > 0 ? " (random sample of " + options.sample() + ")" : ""));
                Verifier.Report r = new Verifier(table, index, options).run();
                print(r);
                return r.equal() || (options.repair() && r.repairedAll()) ? 0 : 1;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } catch (Throwable t) {
            if (t instanceof TablesyncException te && te.isUserError()) {
                LOG.error("verify failed: {}", t.getMessage());
            } else {
                LOG.error("verify failed", t);
            }
            Engine.reportFailure(t);
            return 1;
        }
    }

    private static <T> T open(T side, String what) {
        if (side == null) {
            throw TablesyncException.userError(FrameworkErrorCode.PLUGIN_INIT_ERROR, what + " cannot be read back for"
                    + " verify (readers that can: otsreader, otsstreamreader; writers: elasticsearchwriter)");
        }
        return side;
    }

    private void print(Verifier.Report r) {
        out.printf(Locale.ROOT, "checked %d rows in %.1f s (%.0f rows/s)%s%n", r.rows(), r.seconds(),
                r.seconds() > 0 ? r.rows() / r.seconds() : 0.0, r.documents() >= 0 ? "; the index holds " + r.documents()
                        + " documents" : "");
        out.printf(Locale.ROOT, "missing: %d  extra: %d  different: %d%n", r.missing(), r.extra() + r.unlisted(), r.different());
        if (r.unlisted() > 0) {
            out.printf(Locale.ROOT, "(%d extra documents counted but not listed: their ids cannot be mapped to table keys)%n",
                    r.unlisted());
        }
        if (r.resolved() > 0) {
            out.printf(Locale.ROOT, "%d difference(s) seen while rows changed were equal when checked again%n", r.resolved());
        }
        if (r.rejected() > 0) {
            out.printf(Locale.ROOT, "%d row(s) the writer rejects (dirty records, no document expected)%n", r.rejected());
        }
        if (!r.examples().isEmpty()) {
            out.println("first examples:");
            r.examples().forEach(e -> out.println("  " + e));
        }
        if (options.repair()) {
            out.printf(Locale.ROOT, "repaired: %d (failed: %d)%n", r.repaired(), r.repairFailed());
        }
        out.println("result: " + (r.equal() ? "EQUAL" : options.repair() && r.repairedAll() ? "REPAIRED" : "DIFFERENT"));
    }

    private static Configuration parameter(Configuration root, String side) {
        String path = "job.content[0]." + side + ".parameter";
        Configuration p = root.getConfiguration(path);
        return p == null ? Configuration.empty().withPrefix(path) : p;
    }
}

package io.tablesync.core.sync;

import io.tablesync.core.engine.Engine;
import io.tablesync.core.engine.PluginRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Several jobs in one {@code sync} process: each is its own {@link SyncRunner} on its own thread —
 * its own pipeline, checkpoints and lease — so a job that fails (a rejected mapping, a lost table)
 * ends alone, with a message naming it, while the others keep running. The process ends when every
 * job has ended: exit code 0 when none failed, else 1.
 */
public final class SyncGroup {
    private static final Logger LOG = LoggerFactory.getLogger(SyncGroup.class);

    /** One job of the group. */
    public record Member(String name, SyncRunner runner) {
    }

    private final List<Member> members = new ArrayList<>();

    /**
     * @param jobs the jobs' names (unique; shown in logs, metrics and /health) and their options, in order
     */
    public SyncGroup(List<String> names, List<Engine.Options> jobs, SyncOptions options, PluginRegistry registry) {
        for (int i = 0; i < jobs.size(); i++) {
            members.add(new Member(names.get(i), new SyncRunner(jobs.get(i), options, registry, names.get(i))));
        }
    }

    public List<Member> members() {
        return members;
    }

    /** Graceful stop of every job (SIGTERM). */
    public void requestStop() {
        members.forEach(m -> m.runner().requestStop());
    }

    /** Runs every job until each has ended; 0 when none failed, else 1. */
    public int run() throws InterruptedException {
        AtomicInteger running = new AtomicInteger(members.size());
        AtomicInteger failed = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (Member m : members) {
            Thread t = new Thread(() -> {
                int code = m.runner().run();
                int left = running.decrementAndGet();
                if (code != 0) {
                    failed.incrementAndGet();
                    LOG.error("job {} stopped: {}; {} other job(s) keep running", m.name(), m.runner().failure(), left);
                } else {
                    LOG.info("job {} ended; {} other job(s) running", m.name(), left);
                }
            }, "sync-" + m.name());
            threads.add(t);
            t.start();
        }
        LOG.info("sync: {} jobs in this process: {}", members.size(), members.stream().map(Member::name).toList());
        for (Thread t : threads) {
            t.join();
        }
        return failed.get() == 0 ? 0 : 1;
    }
}

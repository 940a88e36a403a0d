package io.tablesync.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * SIGTERM/SIGINT ask the job to stop gracefully (stop reading, write what is in flight, exit 143);
 * a second signal exits at once with 143, as datax.py's kill does.
 */
final class SignalHandlers {
    private static final Logger LOG = LoggerFactory.getLogger(SignalHandlers.class);

    private SignalHandlers() {
    }

    /** How long the first signal waits for the job to wind down when nothing is in flight (the 2 s, with margin). */
    private static final long IDLE_EXIT_MILLIS = 1_000;

    /**
     * Like {@link #onTerminate(Runnable)}; in addition, when {@code nothingInFlight} says nothing would be
     * lost (the job is still connecting, preparing, or waiting for data), the process exits with 143
     * after {@link #IDLE_EXIT_MILLIS} even if some call does not return (an SDK call blocked on a dead
     * endpoint cannot always be interrupted).
     */
    static void onTerminate(Runnable gracefulStop, java.util.function.BooleanSupplier nothingInFlight) {
        onTerminate(() -> {
            gracefulStop.run();
            Thread watchdog = new Thread(() -> {
                long deadline = System.currentTimeMillis() + IDLE_EXIT_MILLIS;
                try {
                    while (System.currentTimeMillis() < deadline) {
                        Thread.sleep(50);
                    }
                } catch (InterruptedException e) {
                    return;
                }
                if (nothingInFlight.getAsBoolean()) {
                    LOG.warn("nothing in flight and the job has not ended yet: exiting now with 143");
                    Runtime.getRuntime().halt(143);
                }
            }, "stop-watchdog");
            watchdog.setDaemon(true); // a job that ends normally first is not held up
            watchdog.start();
        });
    }

    static void onTerminate(Runnable gracefulStop) {
        boolean[] seen = {false};
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), sig -> {
                    synchronized (seen) {
                        if (seen[0]) {
                            LOG.warn("second SIG{}: exiting now", sig.getName());
                            Runtime.getRuntime().halt(143);
                        }
                        seen[0] = true;
                    }
                    LOG.warn("received SIG{}: stopping (send it again to exit at once)", sig.getName());
                    gracefulStop.run();
                });
            } catch (IllegalArgumentException e) {
                LOG.debug("cannot handle SIG{} on this platform", name);
            }
        }
    }
}

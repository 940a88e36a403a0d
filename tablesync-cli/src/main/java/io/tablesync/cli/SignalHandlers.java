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

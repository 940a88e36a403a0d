package io.tablesync.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** User + system CPU seconds a process has used since it started, from Linux's /proc/PID/stat. */
public final class ProcessCpu {
    /** Linux's USER_HZ: /proc reports CPU times in these ticks. */
    private static final double TICKS_PER_SECOND = 100.0;

    private ProcessCpu() {
    }

    public static double seconds(long pid) {
        try {
            return fromStat(Files.readString(Path.of("/proc/" + pid + "/stat")));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the CPU time of process " + pid, e);
        }
    }

    /** User + system CPU seconds in the text of a /proc/PID/stat or /proc/PID/task/TID/stat file. */
    public static double fromStat(String stat) {
        // the fields after the command name in parentheses start with the state (field 3); utime is 14, stime 15
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
    }

    /** This JVM's CPU seconds. */
    public static double self() {
        return seconds(ProcessHandle.current().pid());
    }
}

package io.tablesync.core.source;

/**
 * A split's durable progress, as a runner stores it.
 *
 * @param splitId          the split
 * @param state            where reading resumes (the source's own encoding)
 * @param finished         read to its end; every record durable
 * @param eventTimeMillis  source time of the last acknowledged change, or -1
 * @param committedAtMillis when this checkpoint was taken (wall clock)
 * @param records          records acknowledged from this split since it was first read
 */
public record SplitCheckpoint(String splitId, String state, boolean finished, long eventTimeMillis,
                              long committedAtMillis, long records) {
}

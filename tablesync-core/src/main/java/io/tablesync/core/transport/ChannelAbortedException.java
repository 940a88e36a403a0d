package io.tablesync.core.transport;

/** Thrown to a task's threads when the job aborted the channel (another task failed, error limit hit). */
public final class ChannelAbortedException extends RuntimeException {
    public ChannelAbortedException() {
        super("channel aborted", null, false, false);
    }
}

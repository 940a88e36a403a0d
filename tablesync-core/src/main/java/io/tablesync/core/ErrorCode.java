package io.tablesync.core;

/** A stable, greppable error identity: DataX users search logs for codes like {@code Framework-14}. */
public interface ErrorCode {
    String code();

    String description();
}

package io.tablesync.core;

/** A stable, greppable error identity: DataX users search logs for codes like {@code Framework-14}. */
public interface ErrorCode {
    String code();

    String description();

    /** A plugin's error code; plugins keep theirs as constants ({@code static final ErrorCode X = ErrorCode.of(...)}). */
    static ErrorCode of(String code, String description) {
        return new Simple(code, description);
    }

    /** The record's accessors are the interface's methods: no boilerplate per code. */
    record Simple(String code, String description) implements ErrorCode {
    }
}

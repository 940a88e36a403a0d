package io.tablesync.plugin.tablestore;

import io.tablesync.core.ErrorCode;
import io.tablesync.core.TablesyncException;

/**
 * otsstreamreader's error identity. DataX reports every reader failure under the single code
 * {@code OTSStreamReaderError}; users grep for it, so configuration and runtime failures keep it.
 * Tablestore service errors during job init keep the service's own code (see {@link ServiceErrorCode}).
 */
public enum OtsStreamReaderErrorCode implements ErrorCode {
    ERROR("OTSStreamReaderError", "otsstreamreader failed");

    private final String code;
    private final String description;

    OtsStreamReaderErrorCode(String code, String description) {
        this.code = code;
        this.description = description;
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public String description() {
        return description;
    }

    /** A mistake the user can fix: no stack trace, exit code 1. */
    public static TablesyncException userError(String detail) {
        return TablesyncException.userError(ERROR, detail);
    }

    public static TablesyncException userError(String detail, Throwable cause) {
        return TablesyncException.userError(ERROR, detail, cause);
    }

    /** A Tablestore error code (e.g. {@code OTSObjectNotExist}) used as the error code, as DataX does in job init. */
    public record ServiceErrorCode(String code, String description) implements ErrorCode {
    }
}

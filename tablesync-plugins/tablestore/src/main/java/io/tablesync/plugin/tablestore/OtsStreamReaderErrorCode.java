package io.tablesync.plugin.tablestore;

import io.tablesync.core.ErrorCode;
import io.tablesync.core.TablesyncException;

/**
 * otsstreamreader's error identity. DataX reports every reader failure under the single code
 * {@code OTSStreamReaderError}; users grep for it, so configuration and runtime failures keep it.
 * Tablestore service errors during job init keep the service's own code ({@link ErrorCode#of} with the service's code).
 */
public final class OtsStreamReaderErrorCode {
    public static final ErrorCode ERROR = ErrorCode.of("OTSStreamReaderError", "otsstreamreader failed");

    private OtsStreamReaderErrorCode() {
    }

    /** A mistake the user can fix: no stack trace, exit code 1. */
    public static TablesyncException userError(String detail) {
        return TablesyncException.userError(ERROR, detail);
    }

    public static TablesyncException userError(String detail, Throwable cause) {
        return TablesyncException.userError(ERROR, detail, cause);
    }
}

package io.tablesync.plugin.tablestore.reader;

import io.tablesync.core.ErrorCode;
import io.tablesync.core.TablesyncException;

/** otsreader's error identity: DataX reports configuration mistakes as {@code OtsReaderInvalidParameter}. */
public final class OtsReaderErrorCode {
    public static final ErrorCode INVALID_PARAM = ErrorCode.of("OtsReaderInvalidParameter", "otsreader parameter error");

    private OtsReaderErrorCode() {
    }

    public static TablesyncException userError(String detail) {
        return TablesyncException.userError(INVALID_PARAM, detail);
    }
}

package io.tablesync.core;

/**
 * The one exception type that carries an {@link ErrorCode}. Its message has DataX's shape
 * ({@code Code:[X], Description:[Y].  - detail}) because scripts and users grep for it.
 *
 * <p>{@link #isUserError()} separates mistakes a user can fix (bad config, unreachable endpoint,
 * rejected data) from internal faults: only internal faults are logged with a stack trace.
 */
public class TablesyncException extends RuntimeException {
    private final ErrorCode errorCode;
    private final String detail;
    private final boolean userError;

    protected TablesyncException(ErrorCode errorCode, String detail, Throwable cause, boolean userError) {
        super(format(errorCode, detail), cause);
        this.errorCode = errorCode;
        this.detail = detail;
        this.userError = userError;
    }

    /** A mistake in the job, the input or the environment: reported without a stack trace. */
    public static TablesyncException userError(ErrorCode code, String detail) {
        return new TablesyncException(code, detail, null, true);
    }

    public static TablesyncException userError(ErrorCode code, String detail, Throwable cause) {
        return new TablesyncException(code, detail, cause, true);
    }

    /** A fault in tablesync or a plugin: reported with its stack trace. */
    public static TablesyncException internal(ErrorCode code, String detail, Throwable cause) {
        return new TablesyncException(code, detail, cause, false);
    }

    public ErrorCode errorCode() {
        return errorCode;
    }

    public String detail() {
        return detail;
    }

    public boolean isUserError() {
        return userError;
    }

    private static String format(ErrorCode code, String detail) {
        String head = "Code:[" + code.code() + "], Description:[" + code.description() + "]. ";
        return detail == null ? head : head + " - " + detail;
    }
}

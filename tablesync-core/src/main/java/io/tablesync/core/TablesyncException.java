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
    private final boolean transientFault;

    protected TablesyncException(ErrorCode errorCode, String detail, Throwable cause, boolean userError) {
        this(errorCode, detail, cause, userError, false);
    }

    private TablesyncException(ErrorCode errorCode, String detail, Throwable cause, boolean userError,
                               boolean transientFault) {
        super(format(errorCode, detail), cause);
        this.errorCode = errorCode;
        this.detail = detail;
        this.userError = userError;
        this.transientFault = transientFault;
    }

    /**
     * A failure that waiting can heal: an endpoint unreachable, a server overloaded, retries exhausted
     * on 429/5xx. A one-shot job fails with it like with any user error (no stack trace); a daemon
     * ({@code sync}) starts over from its checkpoints after a pause instead of exiting.
     */
    public static TablesyncException transientError(ErrorCode code, String detail, Throwable cause) {
        return new TablesyncException(code, detail, cause, true, true);
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

    /** See {@link #transientError}. */
    public boolean isTransient() {
        return transientFault;
    }

    /** Whether {@code t} or one of its causes is a {@link #isTransient() transient} failure. */
    public static boolean isTransient(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof TablesyncException te && te.isTransient()) {
                return true;
            }
        }
        return false;
    }

    private static String format(ErrorCode code, String detail) {
        String head = "Code:[" + code.code() + "], Description:[" + code.description() + "]. ";
        return detail == null ? head : head + " - " + detail;
    }
}

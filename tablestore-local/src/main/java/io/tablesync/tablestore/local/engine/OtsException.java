package io.tablesync.tablestore.local.engine;

/**
 * An error the server reports to the client as a protobuf {@code Error} with this code and HTTP status
 * (codes and statuses as the real service uses them, research §1.5).
 */
public final class OtsException extends RuntimeException {

    private final String code;
    private final int httpStatus;

    public OtsException(String code, int httpStatus, String message) {
        super(message);
        this.code = code;
        this.httpStatus = httpStatus;
    }

    public String code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public static OtsException parameterInvalid(String message) {
        return new OtsException("OTSParameterInvalid", 400, message);
    }

    public static OtsException invalidPk(String message) {
        return new OtsException("OTSInvalidPK", 400, message);
    }

    public static OtsException tableNotExist() {
        return new OtsException("OTSObjectNotExist", 404, "Requested table does not exist.");
    }

    public static OtsException objectNotExist(String message) {
        return new OtsException("OTSObjectNotExist", 404, message);
    }

    public static OtsException alreadyExist(String message) {
        return new OtsException("OTSObjectAlreadyExist", 409, message);
    }

    public static OtsException conditionCheckFail() {
        return new OtsException("OTSConditionCheckFail", 403, "Condition check failed.");
    }

    public static OtsException authFailed(String message) {
        return new OtsException("OTSAuthFailed", 403, message);
    }

    public static OtsException trimmed() {
        return new OtsException("OTSTrimmedDataAccess", 404, "Requested stream data is already trimmed or does not exist.");
    }

    public static OtsException methodNotAllowed(String message) {
        return new OtsException("OTSMethodNotAllowed", 405, message);
    }

    public static OtsException unsupported(String message) {
        return new OtsException("OTSUnsupportOperation", 400, message);
    }

    public static OtsException internal(String message) {
        return new OtsException("OTSInternalServerError", 500, message);
    }
}

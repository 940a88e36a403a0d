package io.tablesync.plugin.tablestore.client;

import com.alicloud.openservices.tablestore.ClientException;
import com.alicloud.openservices.tablestore.TableStoreException;
import io.tablesync.core.TablesyncException;
import io.tablesync.plugin.tablestore.OtsStreamReaderErrorCode;
import io.tablesync.core.ErrorCode;
import java.util.Set;
import io.tablesync.core.net.NetworkErrors;

/**
 * Turns SDK exceptions into errors a user can act on. The Tablestore error code stays the error
 * code (DataX surfaces it the same way), the words say what to do.
 */
public final class OtsErrors {
    /** Service errors that heal by waiting (overload, failover, throttling). */
    static final Set<String> TRANSIENT_CODES = Set.of("OTSServerBusy", "OTSServerUnavailable", "OTSInternalServerError",
            "OTSTimeout", "OTSQuotaExhausted", "OTSPartitionUnavailable", "OTSTableNotReady", "OTSRowOperationConflict",
            "OTSCapacityUnitExhausted", "OTSNotEnoughCapacityUnit");

    private OtsErrors() {
    }

    /** As {@link #translate(RuntimeException, String)}, naming the endpoint when the service could not be reached. */
    public static TablesyncException translate(RuntimeException e, String what, String endpoint) {
        if (e instanceof ClientException ce) {
            return OtsStreamReaderErrorCode.userError("Cannot reach Tablestore at " + endpoint + " while " + what + ": "
                    + NetworkErrors.describe(ce) + ". Check the endpoint and the network.", ce);
        }
        return translate(e, what);
    }

    /** {@code what} says what we were doing, e.g. "describing table orders". */
    public static TablesyncException translate(RuntimeException e, String what) {
        if (e instanceof TablesyncException te) {
            return te;
        }
        if (e instanceof TableStoreException tse) {
            String code = tse.getErrorCode();
            String hint = switch (code == null ? "" : code) {
                case "OTSAuthFailed" -> "Tablestore rejected the credentials: check accessId, accessKey and instanceName"
                        + " (the secret itself is never printed).";
                case "OTSNoPermissionAccess" -> "The access key has no permission for this operation.";
                case "OTSTrimmedDataAccess" -> "The stream data at this position was already removed by the stream's"
                        + " retention (expiration time). The checkpoint or window start is too old: run a full export"
                        + " again, then continue with a window that starts inside the retention.";
                case "OTSObjectNotExist" -> "The table or stream does not exist: check the table names and instanceName.";
                default -> "";
            };
            String detail = "Tablestore error while " + what + ": " + tse.getMessage() + " (code " + code + ", request "
                    + tse.getRequestId() + ", HTTP " + tse.getHttpStatus() + ")" + (hint.isEmpty() ? "" : ". " + hint);
            ErrorCode errorCode = ErrorCode.of(code == null ? "OTSError" : code, "Tablestore error");
            return TRANSIENT_CODES.contains(code) || tse.getHttpStatus() >= 500
                    ? TablesyncException.transientError(errorCode, detail, tse)
                    : TablesyncException.userError(errorCode, detail, tse);
        }
        if (e instanceof ClientException ce) {
            String text = "Cannot reach Tablestore while " + what + ": " + NetworkErrors.describe(ce)
                    + ". Check the endpoint and the network.";
            // An outage is worth waiting for (a daemon retries it); a TLS or DNS mistake is not.
            return NetworkErrors.isPermanent(ce) ? OtsStreamReaderErrorCode.userError(text, ce)
                    : TablesyncException.transientError(OtsStreamReaderErrorCode.ERROR, text, ce);
        }
        return OtsStreamReaderErrorCode.userError("Failed while " + what + ": " + e, e);
    }
}

package io.tablesync.tablestore.local.http;

import com.alicloud.openservices.tablestore.core.protocol.OtsInternalApi;
import com.aliyun.ots.thirdparty.com.google.protobuf.InvalidProtocolBufferException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.tablesync.tablestore.local.action.Action;
import io.tablesync.tablestore.local.action.Actions;
import io.tablesync.tablestore.local.engine.OtsException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request pipeline for protocol calls: method check → body (size limit) → authentication → request
 * decompression → action → signed response. Every failure becomes a protobuf Error with x-ots-requestid, so the
 * SDK reports it as a TableStoreException instead of retrying a malformed answer.
 */
final class OtsHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(OtsHandler.class);
    private static final int MAX_BODY = 5 * 1024 * 1024;
    /** How much of a too large body is read (and dropped) to answer 413 on the same connection. */
    private static final long MAX_DRAINED = 64L * 1024 * 1024;

    private final Actions actions;
    private final RequestAuthenticator auth;
    private final String requestIdPrefix = Long.toHexString(System.nanoTime() & 0xffffffL);
    private final AtomicLong requestCounter = new AtomicLong();

    OtsHandler(Actions actions, RequestAuthenticator auth) {
        this.actions = actions;
        this.auth = auth;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        String action = ex.getRequestURI().getPath().substring(1);
        String requestId = requestIdPrefix + "-" + Long.toHexString(requestCounter.incrementAndGet());
        String accessKeyId = ex.getRequestHeaders().getFirst("x-ots-accesskeyid");
        String secret = null;
        boolean deflate = "deflate".equals(ex.getRequestHeaders().getFirst("x-ots-response-compress-type"));
        try {
            if (!"POST".equals(ex.getRequestMethod())) {
                throw OtsException.methodNotAllowed("Only POST is allowed.");
            }
            byte[] raw = readBody(ex.getRequestBody());
            secret = auth.authenticate(action, ex.getRequestHeaders(), raw);
            byte[] body = "deflate".equals(ex.getRequestHeaders().getFirst("x-ots-request-compress-type"))
                    ? inflate(raw, ex.getRequestHeaders().getFirst("x-ots-request-compress-size")) : raw;
            Action handler = actions.get(action);
            if (handler == null) {
                throw OtsException.unsupported("Action " + action + " is not supported by tablestore-local.");
            }
            byte[] out = handler.handle(body).toByteArray();
            ResponseWriter.send(ex, 200, out, action, requestId, accessKeyId, secret, deflate);
        } catch (OtsException e) {
            // Errors found before authentication are signed too when the key id is known, so the SDK accepts them.
            sendError(ex, e, action, requestId, accessKeyId, secret != null ? secret : auth.secretOf(accessKeyId));
        } catch (InvalidProtocolBufferException e) {
            sendError(ex, OtsException.parameterInvalid("Invalid request body: " + e.getMessage()), action, requestId,
                    accessKeyId, secret);
        } catch (RuntimeException | Error e) {
            // Answer instead of letting the JDK server drop the connection: the SDK then reports a clear
            // OTSInternalServerError rather than "Connection closed".
            LOG.error("Internal error in {} (request {})", action, requestId, e);
            sendError(ex, OtsException.internal("Internal error: " + e), action, requestId, accessKeyId, secret);
        }
    }

    private static void sendError(HttpExchange ex, OtsException e, String action, String requestId,
                                  String accessKeyId, String secret) throws IOException {
        OtsInternalApi.Error err = OtsInternalApi.Error.newBuilder().setCode(e.code()).setMessage(e.getMessage()).build();
        ResponseWriter.send(ex, e.httpStatus(), err.toByteArray(), action, requestId, accessKeyId, secret, false);
    }

    private static byte[] readBody(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        byte[] buf = new byte[16384];
        int n;
        while ((n = in.read(buf)) > 0) {
            out.write(buf, 0, n);
            if (out.size() > MAX_BODY) {
                // Read the rest before answering: a client still sending would otherwise see its connection reset
                // instead of the 413.
                long total = out.size();
                while (total <= MAX_DRAINED && (n = in.read(buf)) > 0) {
                    total += n;
                }
                throw new OtsException("OTSRequestBodyTooLarge", 413, "The request body is larger than 5 MB.");
            }
        }
        return out.toByteArray();
    }

    private static byte[] inflate(byte[] raw, String sizeHeader) {
        try {
            int size = Integer.parseInt(sizeHeader);
            if (size < 0 || size > MAX_BODY) {
                throw new NumberFormatException();
            }
            Inflater inf = new Inflater();
            inf.setInput(raw);
            byte[] out = new byte[size];
            int n = inf.inflate(out);
            inf.end();
            if (n != size) {
                throw OtsException.parameterInvalid("Decompressed size does not match x-ots-request-compress-size.");
            }
            return out;
        } catch (NumberFormatException e) {
            throw OtsException.parameterInvalid("Invalid x-ots-request-compress-size.");
        } catch (DataFormatException e) {
            throw OtsException.parameterInvalid("Invalid deflate request body.");
        }
    }
}

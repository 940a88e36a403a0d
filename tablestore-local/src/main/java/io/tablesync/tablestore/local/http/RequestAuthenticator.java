package io.tablesync.tablestore.local.http;

import com.sun.net.httpserver.Headers;
import io.tablesync.tablestore.local.engine.OtsException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Verifies a request the way the service does (research §1.3): required headers, body MD5, instance name, and the
 * V2 signature — Base64(HMAC-SHA1(secret, "/Action\nPOST\n\n" + sorted "x-ots-*:value\n" lines)). Returns the
 * secret of the caller so the response can be signed with it.
 */
final class RequestAuthenticator {

    private static final List<String> REQUIRED = List.of("x-ots-date", "x-ots-apiversion", "x-ots-accesskeyid",
            "x-ots-instancename", "x-ots-contentmd5");

    private final Map<String, String> secrets;
    private final String instance;

    RequestAuthenticator(Map<String, String> secrets, String instance) {
        this.secrets = secrets;
        this.instance = instance;
    }

    /** The secret configured for a key id, or null (to sign answers to requests that failed before verification). */
    String secretOf(String accessKeyId) {
        return accessKeyId == null ? null : secrets.get(accessKeyId);
    }

    /** The verified caller's secret; throws OtsAuthFailed / OTSParameterInvalid otherwise. */
    String authenticate(String action, Headers headers, byte[] rawBody) {
        for (String h : REQUIRED) {
            if (headers.getFirst(h) == null) {
                throw OtsException.parameterInvalid("Missing header: " + h);
            }
        }
        String accessKeyId = headers.getFirst("x-ots-accesskeyid");
        String secret = secrets.get(accessKeyId);
        if (secret == null) {
            throw OtsException.authFailed("The AccessKeyId is not known to this tablestore-local: " + accessKeyId);
        }
        String requested = headers.getFirst("x-ots-instancename");
        if (!instance.equals(requested)) {
            throw OtsException.authFailed("Instance '" + requested + "' does not exist; this tablestore-local serves '"
                    + instance + "'.");
        }
        if (!Hmac.md5Base64(rawBody).equals(headers.getFirst("x-ots-contentmd5"))) {
            throw OtsException.authFailed("Mismatch between the body and x-ots-contentmd5.");
        }
        if (headers.getFirst("x-ots-signaturev4") != null) {
            throw OtsException.authFailed("V4 signatures are not supported by tablestore-local; use V2 credentials.");
        }
        String signature = headers.getFirst("x-ots-signature");
        if (signature == null) {
            throw OtsException.parameterInvalid("Missing header: x-ots-signature");
        }
        String expected = Hmac.sha1Base64(secret, canonical(action, headers));
        if (!Hmac.equalsConstantTime(expected, signature)) {
            throw OtsException.authFailed("Signature mismatch.");
        }
        return secret;
    }

    /** The canonical string; header names are compared lower-cased, values trimmed. */
    static String canonical(String action, Headers headers) {
        TreeMap<String, String> otsHeaders = new TreeMap<>();
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            String name = e.getKey().toLowerCase();
            if (name.startsWith("x-ots-") && !name.equals("x-ots-signature")) {
                otsHeaders.put(name, e.getValue().get(0).trim());
            }
        }
        StringBuilder sb = new StringBuilder(256).append('/').append(action).append("\nPOST\n\n");
        for (Map.Entry<String, String> e : otsHeaders.entrySet()) {
            sb.append(e.getKey()).append(':').append(e.getValue()).append('\n');
        }
        return sb.toString();
    }
}

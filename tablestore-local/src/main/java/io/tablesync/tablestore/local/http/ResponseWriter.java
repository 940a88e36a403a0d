package io.tablesync.tablestore.local.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.Deflater;

/**
 * Sends a protobuf body with the five headers clients check (research §1.4): x-ots-contentmd5,
 * x-ots-contenttype, x-ots-date, x-ots-requestid and authorization = "OTS id:" + Base64(HMAC-SHA1(secret,
 * sorted "x-ots-*:value\n" lines + "/Action")). Errors are signed too when the caller's secret is known.
 */
final class ResponseWriter {

    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private ResponseWriter() {
    }

    static void send(HttpExchange ex, int status, byte[] body, String action, String requestId, String accessKeyId,
                     String secret, boolean deflate) throws IOException {
        TreeMap<String, String> h = new TreeMap<>();
        byte[] payload = body;
        if (deflate && body.length > 0) {
            payload = deflate(body);
            h.put("x-ots-response-compress-type", "deflate");
            h.put("x-ots-response-compress-size", Integer.toString(body.length));
        }
        h.put("x-ots-contentmd5", Hmac.md5Base64(body));
        h.put("x-ots-contenttype", "protocol buffer");
        h.put("x-ots-date", DATE.format(Instant.now()));
        h.put("x-ots-requestid", requestId);
        if (secret != null) {
            StringBuilder sb = new StringBuilder(256);
            for (Map.Entry<String, String> e : h.entrySet()) {
                sb.append(e.getKey()).append(':').append(e.getValue()).append('\n');
            }
            sb.append('/').append(action);
            h.put("authorization", "OTS " + accessKeyId + ":" + Hmac.sha1Base64(secret, sb.toString()));
        }
        h.forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        ex.getResponseHeaders().set("Content-Type", "application/x-protobuf");
        if (payload.length == 0) {
            ex.sendResponseHeaders(status, -1);
        } else {
            ex.sendResponseHeaders(status, payload.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(payload);
            }
        }
        ex.close();
    }

    private static byte[] deflate(byte[] body) {
        Deflater d = new Deflater();
        d.setInput(body);
        d.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 2 + 16);
        byte[] buf = new byte[8192];
        while (!d.finished()) {
            out.write(buf, 0, d.deflate(buf));
        }
        d.end();
        return out.toByteArray();
    }
}

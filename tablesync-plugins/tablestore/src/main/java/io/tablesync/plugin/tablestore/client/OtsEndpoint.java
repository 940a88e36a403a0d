package io.tablesync.plugin.tablestore.client;

import static io.tablesync.plugin.tablestore.OtsStreamReaderErrorCode.userError;

import io.tablesync.core.config.SecretMasker;
import io.tablesync.core.TablesyncException;
import io.tablesync.core.net.NetworkErrors;
import io.tablesync.plugin.tablestore.OtsStreamReaderErrorCode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Checks a Tablestore endpoint before the SDK sees it: the SDK answers a missing scheme or a URL
 * with credentials in it with a stack trace, and would send {@code user:secret@} nowhere useful
 * (Tablestore signs requests with accessId/accessKey; it does not read URL credentials).
 */
public final class OtsEndpoint {
    /** Connect and TLS handshake limit of {@link #probe}: an endpoint that is up answers in milliseconds. */
    static final int PROBE_TIMEOUT_MILLIS = 10_000;

    private OtsEndpoint() {
    }

    /**
     * Connects once (and shakes hands for https) before the SDK is used: the SDK retries a refused
     * connection for a minute and then says only "Wait future timeout", and it waits just as long on
     * an https endpoint that does not speak TLS. This names the endpoint and the cause at once.
     */
    public static void probe(String endpoint) {
        URI uri = URI.create(endpoint);
        boolean tls = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), port), PROBE_TIMEOUT_MILLIS);
            if (tls) {
                socket.setSoTimeout(PROBE_TIMEOUT_MILLIS);
                try (SSLSocket ssl = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
                        .createSocket(socket, uri.getHost(), port, false)) {
                    ssl.startHandshake();
                } catch (SocketTimeoutException e) {
                    throw new SSLException("no TLS handshake within " + PROBE_TIMEOUT_MILLIS / 1000
                            + " s: the server does not seem to speak TLS on this port", e);
                }
            }
        } catch (IOException e) {
            String text = "Cannot reach Tablestore at " + endpoint + ": " + NetworkErrors.describe(e)
                    + ". Check the endpoint and the network.";
            // An outage is worth waiting for (a daemon retries it); a TLS or DNS mistake is not.
            throw NetworkErrors.isPermanent(e) ? userError(text, e)
                    : TablesyncException.transientError(OtsStreamReaderErrorCode.ERROR, text, e);
        }
    }

    /** The endpoint, trimmed, without a trailing slash; {@code key} names it in messages. */
    public static String check(String endpoint, String key) {
        String e = endpoint.trim();
        String lower = e.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
            throw userError(key + " \"" + SecretMasker.maskUrl(e) + "\" has no scheme: write https://" + e
                    + " (Alibaba Cloud) or http://" + e + " (tablestore-local)");
        }
        URI uri;
        try {
            uri = new URI(e);
        } catch (URISyntaxException ex) {
            throw userError(key + " \"" + SecretMasker.maskUrl(e) + "\" is not a valid URL: " + ex.getReason());
        }
        if (uri.getRawUserInfo() != null) {
            throw userError(key + " \"" + SecretMasker.maskUrl(e) + "\" contains credentials (user:password@):"
                    + " Tablestore does not read them; put the AccessKeyId in accessId and the AccessKeySecret in accessKey,"
                    + " and write the endpoint without them");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw userError(key + " \"" + e + "\" has no host name");
        }
        return e.endsWith("/") ? e.substring(0, e.length() - 1) : e;
    }
}

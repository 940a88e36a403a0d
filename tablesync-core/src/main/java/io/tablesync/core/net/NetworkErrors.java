package io.tablesync.core.net;

import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.HashSet;
import java.util.Set;
import javax.net.ssl.SSLException;

/**
 * Names the real cause of a failed connection in words a user can act on (refused, DNS, TLS,
 * timeout), whatever client library wrapped it, and tells permanent failures (a TLS or protocol
 * mismatch, an unknown host) from ones a retry may fix. Many of these exceptions have a null
 * message, which used to reach users as "…: null".
 */
public final class NetworkErrors {
    /** What kind of failure a cause chain shows. */
    public enum Kind {
        REFUSED(false), UNKNOWN_HOST(true), TLS(true), TIMEOUT(false), NO_ROUTE(false), CLOSED(false), OTHER(false);

        /** True when retrying the same request cannot help. */
        public final boolean permanent;

        Kind(boolean permanent) {
            this.permanent = permanent;
        }
    }

    private NetworkErrors() {
    }

    public static Kind kind(Throwable t) {
        for (Throwable c : chain(t)) {
            if (c instanceof SSLException) {
                return Kind.TLS;
            }
            if (c instanceof UnknownHostException || c instanceof UnresolvedAddressException) {
                return Kind.UNKNOWN_HOST;
            }
            if (c instanceof ConnectException && !(c instanceof HttpConnectTimeoutException)) {
                String m = String.valueOf(c.getMessage()).toLowerCase();
                return m.contains("timed out") ? Kind.TIMEOUT : Kind.REFUSED;
            }
            if (c instanceof NoRouteToHostException || c instanceof PortUnreachableException) {
                return Kind.NO_ROUTE;
            }
            if (c instanceof SocketTimeoutException || c instanceof HttpTimeoutException
                    || c instanceof java.util.concurrent.TimeoutException) {
                return Kind.TIMEOUT;
            }
            if (c instanceof EOFException || "Connection reset".equals(c.getMessage())) {
                return Kind.CLOSED;
            }
            String name = c.getClass().getName();
            if (name.endsWith("ConnectTimeoutException")) {
                return Kind.TIMEOUT;
            }
            if (name.endsWith("HttpHostConnectException")) {
                return Kind.REFUSED;
            }
        }
        return Kind.OTHER;
    }

    /** True when retrying the same request cannot help (TLS or protocol mismatch, unknown host). */
    public static boolean isPermanent(Throwable t) {
        return kind(t).permanent;
    }

    /** The cause in a few words, e.g. "connection refused (nothing listens on that port)". */
    public static String describe(Throwable t) {
        Throwable root = deepest(t);
        String detail = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        switch (kind(t)) {
            case REFUSED:
                return "connection refused (nothing listens at that address, or a firewall rejects it)";
            case UNKNOWN_HOST:
                return "unknown host " + detail + " (DNS cannot resolve it; check the host name)";
            case TLS:
                return "TLS error: " + tlsDetail(t)
                        + " (is the scheme right? https:// against a plain-HTTP port, or http:// against a TLS port,"
                        + " fails this way; otherwise check the certificate settings)";
            case TIMEOUT:
                return "timed out (" + detail + "; the host may be down or a firewall drops the packets)";
            case NO_ROUTE:
                return "no route to host (" + detail + ")";
            case CLOSED:
                return "the connection was closed by the other side (" + detail + ")";
            default:
                break;
        }
        if (root instanceof NoSuchFileException) {
            return "no such file " + detail;
        }
        if (root instanceof AccessDeniedException) {
            return "permission denied on " + detail;
        }
        if (root instanceof FileNotFoundException || root instanceof InterruptedIOException) {
            return detail;
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    private static String tlsDetail(Throwable t) {
        for (Throwable c : chain(t)) {
            if (c instanceof SSLException && c.getMessage() != null) {
                return c.getMessage();
            }
        }
        return deepest(t).getClass().getSimpleName();
    }

    private static Throwable deepest(Throwable t) {
        Throwable c = t;
        Set<Throwable> seen = new HashSet<>();
        while (c.getCause() != null && seen.add(c)) {
            c = c.getCause();
        }
        return c;
    }

    private static Iterable<Throwable> chain(Throwable t) {
        java.util.List<Throwable> out = new java.util.ArrayList<>();
        Set<Throwable> seen = new HashSet<>();
        for (Throwable c = t; c != null && seen.add(c); c = c.getCause()) {
            out.add(c);
        }
        return out;
    }
}

package io.tablesync.plugin.elasticsearch;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.conn.ssl.NoopHostnameVerifier;
import org.apache.http.message.BasicHeader;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;

/**
 * Builds the low-level REST client from the job: all comma-separated endpoints (the client rotates
 * between them), credentials sent preemptively on every request (DataX waited for a 401 challenge,
 * so anonymous-access clusters never saw them), TLS from a CA file, a truststore, the JVM's
 * defaults, or explicitly not verified ({@code insecure}).
 */
final class EsClientFactory {
    static final int CONNECT_TIMEOUT_MS = 10_000;

    private EsClientFactory() {
    }

    static RestClient create(EsWriterConfig cfg) {
        List<HttpHost> hosts = new ArrayList<>();
        String pathPrefix = null;
        for (String e : cfg.endpoints) {
            URI u = URI.create(e);
            if (u.getHost() == null) {
                throw EsWriterConfig.configError("endpoint \"" + e + "\" has no host name");
            }
            int port = u.getPort() > 0 ? u.getPort() : ("https".equalsIgnoreCase(u.getScheme()) ? 443 : 80);
            hosts.add(new HttpHost(u.getHost(), port, u.getScheme().toLowerCase(Locale.ROOT)));
            if (u.getPath() != null && !u.getPath().isEmpty() && !u.getPath().equals("/")) {
                pathPrefix = u.getPath(); // e.g. behind a reverse proxy at https://host/es
            }
        }
        RestClientBuilder b = RestClient.builder(hosts.toArray(new HttpHost[0]));
        if (pathPrefix != null) {
            b.setPathPrefix(pathPrefix);
        }
        List<Header> headers = new ArrayList<>();
        if (cfg.apiKey != null) {
            headers.add(new BasicHeader("Authorization", "ApiKey " + encodedApiKey(cfg.apiKey)));
        } else if (cfg.username != null) {
            String pw = cfg.password == null ? "" : cfg.password;
            headers.add(new BasicHeader("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString((cfg.username + ":" + pw).getBytes(StandardCharsets.UTF_8))));
        }
        if (cfg.compression) {
            // answers compressed as before; bulk bodies are compressed by BulkEntity (at gzip's fastest level), other
            // request bodies are small
            headers.add(new BasicHeader("Accept-Encoding", "gzip"));
        }
        b.setDefaultHeaders(headers.toArray(new Header[0]));
        // DataX uses `timeout` (10 min by default) for connecting too; a host that drops packets would hang that long
        int connectTimeout = Math.min(cfg.timeoutMs, CONNECT_TIMEOUT_MS);
        b.setRequestConfigCallback(rc -> rc.setConnectTimeout(connectTimeout).setSocketTimeout(cfg.timeoutMs)
                .setConnectionRequestTimeout(cfg.timeoutMs));
        SSLContext ssl = sslContext(cfg);
        b.setHttpClientConfigCallback(hc -> {
            hc.setMaxConnTotal(cfg.maxTotalConnection).setMaxConnPerRoute(cfg.maxTotalConnection);
            if (ssl != null) {
                hc.setSSLContext(ssl);
            }
            if (cfg.insecure) {
                hc.setSSLHostnameVerifier(NoopHostnameVerifier.INSTANCE);
            }
            return hc;
        });
        return b.build();
    }

    /** The API key as sent: the base64 "id:key" value ES returns as "encoded"; a raw "id:key" is encoded for the user. */
    static String encodedApiKey(String apiKey) {
        return apiKey.contains(":") ? Base64.getEncoder().encodeToString(apiKey.getBytes(StandardCharsets.UTF_8)) : apiKey;
    }

    private static SSLContext sslContext(EsWriterConfig cfg) {
        try {
            TrustManager[] tms;
            if (cfg.insecure) {
                tms = new TrustManager[] {new TrustAll()};
            } else if (cfg.caFile != null) {
                tms = fromCaFile(Paths.get(cfg.caFile));
            } else if (cfg.truststore != null) {
                tms = fromTruststore(Paths.get(cfg.truststore), cfg.truststorePassword, cfg.truststoreType);
            } else {
                return null; // the JVM's default trust store
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tms, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw EsWriterConfig.configError("cannot set up TLS: " + e.getMessage());
        }
    }

    private static TrustManager[] fromCaFile(Path file) throws GeneralSecurityException {
        Collection<? extends Certificate> certs;
        try (InputStream in = Files.newInputStream(file)) {
            certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (IOException e) {
            throw EsWriterConfig.configError("caFile \"" + file + "\" cannot be read: " + e.getMessage());
        }
        if (certs.isEmpty()) {
            throw EsWriterConfig.configError("caFile \"" + file + "\" contains no PEM certificate");
        }
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            ks.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        int i = 0;
        for (Certificate c : certs) {
            ks.setCertificateEntry("ca-" + i++, c);
        }
        return trustManagers(ks);
    }

    private static TrustManager[] fromTruststore(Path file, String password, String type) throws GeneralSecurityException {
        String t = type != null ? type : file.toString().toLowerCase(Locale.ROOT).endsWith(".jks") ? "JKS" : "PKCS12";
        KeyStore ks = KeyStore.getInstance(t);
        try (InputStream in = Files.newInputStream(file)) {
            ks.load(in, password == null ? null : password.toCharArray());
        } catch (IOException e) {
            // the message of a wrong password is "keystore password was incorrect": it never contains the password
            throw EsWriterConfig.configError("truststore \"" + file + "\" cannot be opened: " + e.getMessage());
        }
        return trustManagers(ks);
    }

    private static TrustManager[] trustManagers(KeyStore ks) throws GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        return tmf.getTrustManagers();
    }

    /** Only with {@code "insecure": true}: the user asked, in writing, not to verify the server. */
    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

}

package io.tablesync.testkit.elasticsearch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throw-away certificate authority and one server certificate for {@code localhost}/{@code 127.0.0.1},
 * made with the JDK's own {@code keytool} (the JDK has no public API to sign certificates).
 *
 * <p>Files in {@link #dir()}: {@code ca.crt} (PEM, for "CA file" clients), {@code truststore.p12}
 * (PKCS#12 holding only the CA, password {@link #TRUSTSTORE_PASSWORD}), {@code node.crt} + {@code node.key}
 * (PEM, unencrypted PKCS#8: what the server is configured with).
 */
public final class TestPki {
    public static final String TRUSTSTORE_PASSWORD = "changeit";
    private static final String STORE_PASS = "changeit";

    private final Path dir;

    private TestPki(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    public Path caCertificate() {
        return dir.resolve("ca.crt");
    }

    public Path truststore() {
        return dir.resolve("truststore.p12");
    }

    public Path nodeCertificate() {
        return dir.resolve("node.crt");
    }

    public Path nodeKey() {
        return dir.resolve("node.key");
    }

    private static TestPki shared;

    /**
     * One CA and node certificate per test JVM (under {@code target/es-pki/<pid>}), made on first use:
     * keytool runs five JVMs, so secured nodes share the certificates instead of making their own.
     */
    static synchronized TestPki shared() {
        if (shared == null) {
            shared = generate(EsInstaller.workDir().resolve("es-pki").resolve(String.valueOf(ProcessHandle.current().pid())));
        }
        return shared;
    }

    /** The same certificates, copied into {@code dir} (a node reads them from its own config directory). */
    TestPki copyTo(Path dir) {
        try {
            Files.createDirectories(dir);
            for (Path f : new Path[] {caCertificate(), truststore(), nodeCertificate(), nodeKey()}) {
                Files.copy(f, dir.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
            return new TestPki(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("could not copy test certificates into " + dir, e);
        }
    }

    /** Generates a new CA and a node certificate signed by it into {@code dir}. */
    public static TestPki generate(Path dir) {
        try {
            Files.createDirectories(dir);
            Path ca = dir.resolve("ca.p12");
            Path node = dir.resolve("node.p12");
            keytool(null, "-genkeypair", "-alias", "ca", "-keyalg", "RSA", "-keysize", "2048", "-validity", "3650",
                    "-dname", "CN=tablesync test CA", "-ext", "bc:c", "-keystore", ca.toString(), "-storetype", "PKCS12",
                    "-storepass", STORE_PASS);
            keytool(null, "-exportcert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-storepass", STORE_PASS,
                    "-file", dir.resolve("ca.crt").toString());
            keytool(null, "-genkeypair", "-alias", "node", "-keyalg", "RSA", "-keysize", "2048", "-validity", "3650",
                    "-dname", "CN=localhost", "-keystore", node.toString(), "-storetype", "PKCS12", "-storepass", STORE_PASS);
            byte[] csr = keytool(null, "-certreq", "-alias", "node", "-keystore", node.toString(), "-storepass", STORE_PASS);
            byte[] signed = keytool(csr, "-gencert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-storepass", STORE_PASS,
                    "-validity", "3650", "-ext", "san=dns:localhost,ip:127.0.0.1", "-ext", "ku:c=digitalSignature,keyEncipherment",
                    "-ext", "eku=serverAuth");
            Files.write(dir.resolve("node.crt"), signed);
            keytool(null, "-importcert", "-noprompt", "-trustcacerts", "-alias", "ca", "-file", dir.resolve("ca.crt").toString(),
                    "-keystore", dir.resolve("truststore.p12").toString(), "-storetype", "PKCS12", "-storepass", TRUSTSTORE_PASSWORD);
            writePrivateKeyPem(node, dir.resolve("node.key"));
            Files.delete(ca); // the CA key is not needed again; only its certificate is
            Files.delete(node);
            return new TestPki(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create test certificates in " + dir, e);
        }
    }

    /** An SSL context that trusts exactly this CA (for the testkit's own HTTP calls). */
    public SSLContext sslContext() {
        try (InputStream in = Files.newInputStream(caCertificate())) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                ks.setCertificateEntry("ca" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("could not load " + caCertificate(), e);
        }
    }

    private static void writePrivateKeyPem(Path p12, Path out) throws IOException {
        try (InputStream in = Files.newInputStream(p12)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, STORE_PASS.toCharArray());
            PrivateKey key = (PrivateKey) ks.getKey("node", STORE_PASS.toCharArray());
            String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded());
            Files.writeString(out, "-----BEGIN PRIVATE KEY-----\n" + b64 + "\n-----END PRIVATE KEY-----\n");
        } catch (GeneralSecurityException e) {
            throw new IOException("could not read the node key from " + p12, e);
        }
    }

    private static byte[] keytool(byte[] stdin, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Paths.get(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
        if (stdin != null) {
            p.getOutputStream().write(stdin);
        }
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("keytool " + args[0] + " failed: " + new String(err, StandardCharsets.UTF_8)
                        + new String(out, StandardCharsets.UTF_8));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running keytool", e);
        }
        return out;
    }
}

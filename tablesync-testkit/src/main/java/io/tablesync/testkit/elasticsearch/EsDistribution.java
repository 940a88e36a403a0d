package io.tablesync.testkit.elasticsearch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * The six search servers tablesync is tested against, each an official {@code integ-test-zip} from
 * Maven Central. The versions come from {@code tablesync-testkit/pom.xml} (filtered into
 * {@code es-distributions.properties}), which is also what makes the build download them.
 *
 * <p>What each zip can do differs, and tests must be honest about it:
 * <ul>
 *   <li>security (basic auth, API keys, HTTPS): only the Elasticsearch 7, 8 and 9 zips ship the
 *       {@code x-pack-security} module; Elasticsearch 6.8 and the OpenSearch zips do not (OpenSearch's
 *       security is a separate plugin), so security tests skip on them;</li>
 *   <li>scripts (painless): no Elasticsearch zip ships {@code lang-painless}; the OpenSearch 3.6 zip
 *       does, and the testkit installs it into the OpenSearch 2.18 node from the Maven Central jars the
 *       build downloads. Scripted updates are therefore tested on both OpenSearch majors, the writer's
 *       fallback for servers without scripts on the four Elasticsearch majors;</li>
 *   <li>Java: Elasticsearch 9 and OpenSearch 3 need Java 21 or newer ({@link ServerJava} finds one).</li>
 * </ul>
 */
public enum EsDistribution {
    ES_6(Product.ELASTICSEARCH, "es6.version", false, Painless.NONE, 17),
    ES_7(Product.ELASTICSEARCH, "es7.version", true, Painless.NONE, 17),
    ES_8(Product.ELASTICSEARCH, "es8.version", true, Painless.NONE, 17),
    ES_9(Product.ELASTICSEARCH, "es9.version", true, Painless.NONE, 21),
    OPENSEARCH_2(Product.OPENSEARCH, "opensearch2.version", false, Painless.INSTALLED_FROM_MAVEN, 17),
    OPENSEARCH_3(Product.OPENSEARCH, "opensearch3.version", false, Painless.IN_ZIP, 21);

    private enum Product {
        ELASTICSEARCH("org.elasticsearch.distribution.integ-test-zip", "elasticsearch", "Elasticsearch "),
        OPENSEARCH("org.opensearch.distribution.integ-test-zip", "opensearch", "OpenSearch ");

        final String groupId;
        final String artifactId;
        final String displayName;

        Product(String groupId, String artifactId, String displayName) {
            this.groupId = groupId;
            this.artifactId = artifactId;
            this.displayName = displayName;
        }
    }

    /** Where a node's {@code lang-painless} module comes from, if it has one. */
    enum Painless { NONE, IN_ZIP, INSTALLED_FROM_MAVEN }

    private static final Properties BUILD = loadBuildProperties();

    private final Product product;
    private final String versionKey;
    private final boolean security;
    private final Painless painless;
    private final int minimumJava;

    EsDistribution(Product product, String versionKey, boolean security, Painless painless, int minimumJava) {
        this.product = product;
        this.versionKey = versionKey;
        this.security = security;
        this.painless = painless;
        this.minimumJava = minimumJava;
    }

    /**
     * The distributions tests should run against: all, or those named in
     * {@code -Dtablesync.es.only=ES_8,OPENSEARCH_2} (for iterating on one version; CI runs all).
     */
    public static List<EsDistribution> selected() {
        String only = System.getProperty("tablesync.es.only", "").trim();
        if (only.isEmpty()) {
            return List.of(values());
        }
        return Arrays.stream(only.split(",")).map(String::trim).map(EsDistribution::valueOf).toList();
    }

    /** The selected distributions whose zip has x-pack security. */
    public static List<EsDistribution> selectedWithSecurity() {
        return selected().stream().filter(EsDistribution::supportsSecurity).toList();
    }

    public String version() {
        return BUILD.getProperty(versionKey);
    }

    public int majorVersion() {
        return Integer.parseInt(version().substring(0, version().indexOf('.')));
    }

    public boolean isOpenSearch() {
        return product == Product.OPENSEARCH;
    }

    /** Whether this zip contains x-pack security (basic auth, API keys, TLS on HTTP). */
    public boolean supportsSecurity() {
        return security;
    }

    /** Whether nodes of this distribution run painless scripts (in the zip, or installed by the testkit). */
    public boolean supportsScripts() {
        return painless != Painless.NONE;
    }

    /** The lowest Java feature version the server runs on. */
    public int minimumJava() {
        return minimumJava;
    }

    Painless painless() {
        return painless;
    }

    /** Name of the server's start script, config file and environment prefix. */
    String product() {
        return product.artifactId;
    }

    /** "elasticsearch-7.17.25": the zip's top-level directory. */
    String dirName() {
        return product.artifactId + "-" + version();
    }

    @Override
    public String toString() {
        return product.displayName + version();
    }

    /** Path of the zip in the local Maven repository (see {@link LocalMavenRepo}). */
    public Path zipPath() {
        return LocalMavenRepo.artifact(product.groupId, product.artifactId, version(), "zip");
    }

    /** A value the build wrote into {@code es-distributions.properties}. */
    static String buildProperty(String key) {
        return BUILD.getProperty(key);
    }

    private static Properties loadBuildProperties() {
        Properties p = new Properties();
        try (InputStream in = EsDistribution.class.getResourceAsStream("es-distributions.properties")) {
            if (in == null) {
                throw new IllegalStateException("es-distributions.properties missing from the testkit jar");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}

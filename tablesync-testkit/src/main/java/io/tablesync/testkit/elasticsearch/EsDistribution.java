package io.tablesync.testkit.elasticsearch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * The four search servers tablesync is tested against, each an official {@code integ-test-zip} from
 * Maven Central. The versions come from {@code tablesync-testkit/pom.xml} (filtered into
 * {@code es-distributions.properties}), which is also what makes the build download them.
 *
 * <p>What each zip can do differs, and tests must be honest about it: only the 7.17 and 8.17 zips
 * ship the {@code x-pack-security} module (basic auth, API keys, HTTPS); 6.8 and OpenSearch 2.18
 * ship only {@code transport-netty4}, so security tests skip on them.
 */
public enum EsDistribution {
    ES_6("org.elasticsearch.distribution.integ-test-zip", "elasticsearch", "es6.version", false),
    ES_7("org.elasticsearch.distribution.integ-test-zip", "elasticsearch", "es7.version", true),
    ES_8("org.elasticsearch.distribution.integ-test-zip", "elasticsearch", "es8.version", true),
    OPENSEARCH_2("org.opensearch.distribution.integ-test-zip", "opensearch", "opensearch.version", false);

    private static final Properties BUILD = loadBuildProperties();

    private final String groupId;
    private final String artifactId;
    private final String versionKey;
    private final boolean security;

    EsDistribution(String groupId, String artifactId, String versionKey, boolean security) {
        this.groupId = groupId;
        this.artifactId = artifactId;
        this.versionKey = versionKey;
        this.security = security;
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
        return this == OPENSEARCH_2;
    }

    /** Whether this zip contains x-pack security (basic auth, API keys, TLS on HTTP). */
    public boolean supportsSecurity() {
        return security;
    }

    /** Name of the server's start script, config file and environment prefix. */
    String product() {
        return artifactId;
    }

    /** "elasticsearch-7.17.25": the zip's top-level directory. */
    String dirName() {
        return artifactId + "-" + version();
    }

    @Override
    public String toString() {
        return (isOpenSearch() ? "OpenSearch " : "Elasticsearch ") + version();
    }

    /**
     * Path of the zip in the local Maven repository: {@code -Dmaven.repo.local} first (surefire in
     * our poms passes the build's repository this way), then the repository of the build that
     * produced the testkit, then {@code ~/.m2/repository}.
     */
    public Path zipPath() {
        String rel = groupId.replace('.', '/') + "/" + artifactId + "/" + version() + "/" + artifactId + "-" + version() + ".zip";
        for (String repo : new String[] {
                System.getProperty("maven.repo.local"),
                BUILD.getProperty("build.localRepository"),
                Paths.get(System.getProperty("user.home"), ".m2", "repository").toString()}) {
            if (repo == null || repo.isBlank() || repo.contains("${")) {
                continue;
            }
            Path p = Paths.get(repo).resolve(rel);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new IllegalStateException("The " + this + " integ-test-zip is not in the local Maven repository (" + rel
                + "). Build tablesync-testkit with Maven first (it downloads the zips), or pass -Dmaven.repo.local=<repo>.");
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

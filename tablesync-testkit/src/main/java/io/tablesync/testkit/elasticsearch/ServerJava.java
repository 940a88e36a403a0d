package io.tablesync.testkit.elasticsearch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Chooses the Java runtime a server runs on. The integ-test-zips bring no JDK. Servers up to
 * Elasticsearch 8 and OpenSearch 2 run on the JVM that runs the tests (tablesync's own Java 17).
 * Elasticsearch 9 and OpenSearch 3 refuse anything older than Java 21, so for them, in this order:
 * <ol>
 *   <li>the JDK named by {@value #PROPERTY} (system property) or {@value #ENV} (environment variable);</li>
 *   <li>the JVM running the tests, when it is new enough;</li>
 *   <li>a JDK installed beside it (the other directories of its parent, e.g. {@code /usr/lib/jvm/}): the
 *       oldest one that is new enough, as the closest to what the server was built for.</li>
 * </ol>
 * When none is found the node fails to start with a message that says what to install: a server the
 * suite is meant to run on is never skipped silently.
 */
final class ServerJava {
    static final String PROPERTY = "tablesync.es.java21Home";
    static final String ENV = "TABLESYNC_ES_JAVA21_HOME";
    /** The Java version tablesync is built for and its tests run on. */
    static final int PROJECT_JAVA = 17;
    private static final Pattern JAVA_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"?([0-9][^\"\\s]*)\"?");
    private static final Map<EsDistribution, Path> CHOSEN = new ConcurrentHashMap<>();

    private ServerJava() {
    }

    /** The Java home {@code dist} runs on. */
    static Path home(EsDistribution dist) {
        return CHOSEN.computeIfAbsent(dist, d -> {
            String fromProperty = System.getProperty(PROPERTY);
            String explicit = fromProperty != null && !fromProperty.isBlank() ? fromProperty : System.getenv(ENV);
            String source = fromProperty != null && !fromProperty.isBlank() ? "-D" + PROPERTY : ENV;
            return choose(d.toString(), d.minimumJava(), Paths.get(System.getProperty("java.home")), Runtime.version().feature(),
                    explicit == null || explicit.isBlank() ? null : Paths.get(explicit), source);
        });
    }

    /**
     * The choice itself, with everything it depends on passed in (so it can be tested without installing JDKs).
     *
     * @param server   what needs the runtime, for messages ("Elasticsearch 9.5.4")
     * @param needed   the lowest Java feature version the server accepts
     * @param current  the running JVM's home
     * @param currentFeature the running JVM's feature version
     * @param explicit a JDK home the user named, or null
     * @param explicitSource where {@code explicit} came from, for messages
     */
    static Path choose(String server, int needed, Path current, int currentFeature, Path explicit, String explicitSource) {
        if (needed <= PROJECT_JAVA) {
            return current; // tablesync's own runtime; the explicit setting is only for the servers that need more
        }
        if (explicit != null) {
            int feature = featureVersion(explicit).orElseThrow(() -> new IllegalStateException(explicitSource + "=" + explicit
                    + " is not a JDK (no bin/java and release file there); " + server + " needs Java " + needed + " or newer."));
            if (feature < needed) {
                throw new IllegalStateException(explicitSource + "=" + explicit + " is Java " + feature + ", but " + server
                        + " needs Java " + needed + " or newer.");
            }
            return explicit;
        }
        if (currentFeature >= needed) {
            return current;
        }
        Set<Path> searched = new LinkedHashSet<>();
        addParent(searched, current);
        try {
            addParent(searched, current.toRealPath());
        } catch (IOException e) {
            // the running JVM's home always exists; if it cannot be resolved, its plain parent was searched
        }
        List<Candidate> found = new ArrayList<>();
        for (Path dir : searched) {
            try (Stream<Path> children = Files.list(dir)) {
                children.filter(Files::isDirectory).forEach(home -> featureVersion(home)
                        .filter(f -> f >= needed).ifPresent(f -> found.add(new Candidate(home, f))));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + dir + " while looking for a Java " + needed + "+ runtime for " + server, e);
            }
        }
        return found.stream()
                .min(Comparator.comparingInt(Candidate::feature).thenComparing(c -> c.home().toString()))
                .map(Candidate::home)
                .orElseThrow(() -> new IllegalStateException(server + " needs Java " + needed + " or newer, but the tests run on Java "
                        + currentFeature + " (" + current + ") and no JDK " + needed + "+ is installed beside it (searched " + searched
                        + "). Install a JDK " + needed + " or newer there (for example Eclipse Temurin " + needed + "), or name one with -D"
                        + PROPERTY + "=<JDK home> or the " + ENV + " environment variable."));
    }

    private record Candidate(Path home, int feature) {
    }

    private static void addParent(Set<Path> dirs, Path home) {
        Path parent = home.toAbsolutePath().getParent();
        if (parent != null && Files.isDirectory(parent)) {
            dirs.add(parent);
        }
    }

    /** The feature version of the JDK at {@code home} from its {@code release} file; empty if it is not a JDK. */
    static Optional<Integer> featureVersion(Path home) {
        Path release = home.resolve("release");
        if (!Files.isRegularFile(release) || !Files.isExecutable(home.resolve("bin").resolve("java"))) {
            return Optional.empty();
        }
        try {
            Matcher m = JAVA_VERSION.matcher(Files.readString(release));
            if (!m.find()) {
                return Optional.empty();
            }
            String[] parts = m.group(1).split("[.+_-]");
            int first = Integer.parseInt(parts[0]);
            return Optional.of(first == 1 && parts.length > 1 ? Integer.parseInt(parts[1]) : first); // "1.8.0_392" is Java 8
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}

package io.tablesync.testkit.elasticsearch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds artifacts that the testkit's build downloaded (integ-test-zips, lang-painless jars) in the local
 * Maven repository: {@code -Dmaven.repo.local} first (surefire in our poms passes the build's repository
 * this way), then the repository of the build that produced the testkit, then {@code ~/.m2/repository}.
 */
final class LocalMavenRepo {
    private LocalMavenRepo() {
    }

    /** The file of {@code groupId:artifactId:version} with the given extension ("zip", "jar", "pom"). */
    static Path artifact(String groupId, String artifactId, String version, String extension) {
        String rel = groupId.replace('.', '/') + "/" + artifactId + "/" + version + "/" + artifactId + "-" + version + "." + extension;
        for (Path repo : repositories()) {
            Path p = repo.resolve(rel);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new IllegalStateException(groupId + ":" + artifactId + ":" + version + ":" + extension + " is not in the local Maven repository ("
                + rel + " under " + repositories() + "). Build tablesync-testkit with Maven first (it downloads what the tests need), "
                + "or pass -Dmaven.repo.local=<repo>.");
    }

    private static List<Path> repositories() {
        List<Path> out = new ArrayList<>();
        for (String repo : new String[] {
                System.getProperty("maven.repo.local"),
                EsDistribution.buildProperty("build.localRepository"),
                Paths.get(System.getProperty("user.home"), ".m2", "repository").toString()}) {
            if (repo != null && !repo.isBlank() && !repo.contains("${")) {
                out.add(Paths.get(repo));
            }
        }
        return out;
    }
}

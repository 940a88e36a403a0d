package io.tablesync.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/**
 * {@code tablesync --version}: the version and the git commit the build embedded in
 * {@code build.properties} (tablesync-cli's pom writes it at generate-resources), so a tarball says
 * exactly which source it was built from.
 */
final class VersionProvider implements CommandLine.IVersionProvider {
    static final String RESOURCE = "build.properties";

    @Override
    public String[] getVersion() {
        Properties build = buildProperties();
        String version = build.getProperty("version", "development build");
        String commit = build.getProperty("commit", "unknown");
        return new String[] {"tablesync " + version + " (commit " + commit + ")",
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
    }

    static Properties buildProperties() {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // an unreadable resource is a broken jar; the version line then says "development build"
        }
        return p;
    }
}

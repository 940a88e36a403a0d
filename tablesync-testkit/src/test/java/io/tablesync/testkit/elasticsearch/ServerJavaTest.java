package io.tablesync.testkit.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The choice of a server's Java runtime, over JDK directories laid out like /usr/lib/jvm. */
class ServerJavaTest {
    @TempDir
    Path jvm;

    /** A directory that looks like a JDK home to ServerJava: bin/java and a release file. */
    private Path jdk(String name, String javaVersion) throws IOException {
        Path home = jvm.resolve(name);
        Files.createDirectories(home.resolve("bin"));
        Path java = Files.writeString(home.resolve("bin").resolve("java"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"test\"\nJAVA_VERSION=\"" + javaVersion + "\"\n");
        return home;
    }

    @Test
    void serversThatRunOnJava17UseTheTestJvmWhateverIsConfigured() throws IOException {
        Path current = jdk("java-17", "17.0.15");
        Path newer = jdk("temurin-25", "25.0.1");
        assertThat(ServerJava.choose("ES 8", 17, current, 17, newer, "-Dx")).isEqualTo(current);
    }

    @Test
    void findsTheOldestSufficientJdkBesideTheRunningOne() throws IOException {
        Path current = jdk("java-17-openjdk-amd64", "17.0.15");
        jdk("java-8", "1.8.0_392");
        jdk("temurin-25-jdk-amd64", "25.0.1");
        Path jdk21 = jdk("zulu-21", "21.0.5");
        Files.createDirectories(jvm.resolve("not-a-jdk"));
        assertThat(ServerJava.choose("Elasticsearch 9", 21, current, 17, null, "-Dx")).isEqualTo(jdk21);
    }

    @Test
    void theRunningJvmIsUsedWhenItIsNewEnough() throws IOException {
        Path current = jdk("temurin-25", "25");
        jdk("zulu-21", "21.0.5");
        assertThat(ServerJava.choose("OpenSearch 3", 21, current, 25, null, "-Dx")).isEqualTo(current);
    }

    @Test
    void anExplicitJdkWinsAndMustBeNewEnough() throws IOException {
        Path current = jdk("java-17", "17.0.15");
        jdk("zulu-21", "21.0.5");
        Path chosen = jdk("elsewhere-24", "24.0.2");
        assertThat(ServerJava.choose("Elasticsearch 9", 21, current, 17, chosen, "-Dtablesync.es.java21Home")).isEqualTo(chosen);
        assertThatThrownBy(() -> ServerJava.choose("Elasticsearch 9", 21, current, 17, current, "TABLESYNC_ES_JAVA21_HOME"))
                .hasMessageContaining("TABLESYNC_ES_JAVA21_HOME=" + current).hasMessageContaining("is Java 17")
                .hasMessageContaining("Elasticsearch 9 needs Java 21 or newer");
        assertThatThrownBy(() -> ServerJava.choose("Elasticsearch 9", 21, current, 17, jvm.resolve("missing"), "-Dtablesync.es.java21Home"))
                .hasMessageContaining("is not a JDK");
    }

    @Test
    void noSufficientJdkFailsNamingWhatToInstall() throws IOException {
        Path current = jdk("java-17", "17.0.15");
        jdk("java-11", "11.0.2");
        assertThatThrownBy(() -> ServerJava.choose("OpenSearch 3.6.0", 21, current, 17, null, "-Dx"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("OpenSearch 3.6.0 needs Java 21 or newer")
                .hasMessageContaining("tests run on Java 17")
                .hasMessageContaining(jvm.toString())
                .hasMessageContaining("Install a JDK 21 or newer")
                .hasMessageContaining("-D" + ServerJava.PROPERTY)
                .hasMessageContaining(ServerJava.ENV);
    }
}

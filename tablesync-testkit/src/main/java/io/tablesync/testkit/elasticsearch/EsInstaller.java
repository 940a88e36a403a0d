package io.tablesync.testkit.elasticsearch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Enumeration;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Unpacks a distribution once under {@code target/es-dist/} (and adds the modules the testkit installs,
 * see {@link PainlessInstaller}). The install directory is shared and
 * treated as read-only: every node gets its own config, data, logs and tmp directories, so several
 * nodes (and several test JVMs, serialised by a file lock) can use one install.
 */
final class EsInstaller {
    private EsInstaller() {
    }

    /** The module's {@code target/} (surefire sets {@code basedir}); override with {@code -Dtablesync.es.workdir}. */
    static Path workDir() {
        String explicit = System.getProperty("tablesync.es.workdir");
        if (explicit != null) {
            return Paths.get(explicit).toAbsolutePath();
        }
        String basedir = System.getProperty("basedir", System.getProperty("user.dir"));
        return Paths.get(basedir, "target").toAbsolutePath();
    }

    /**
     * Synchronized as well as file-locked: the file lock keeps other JVMs (parallel Maven modules) out, but within one
     * JVM a second thread asking for it gets OverlappingFileLockException instead of waiting (test classes run in
     * parallel).
     */
    static synchronized Path install(EsDistribution dist) {
        Path root = workDir().resolve("es-dist");
        Path home = root.resolve(dist.dirName());
        Path marker = root.resolve(dist.dirName() + ".installed");
        try {
            Files.createDirectories(root);
            try (FileChannel ch = FileChannel.open(root.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = ch.lock()) {
                if (!Files.exists(marker)) {
                    deleteTree(home);
                    unzip(dist.zipPath(), root);
                    makeScriptsExecutable(home.resolve("bin"));
                    Files.writeString(marker, dist.zipPath().toString());
                }
                // checked apart from the marker: installs unpacked before the testkit added the module get it too
                if (dist.painless() == EsDistribution.Painless.INSTALLED_FROM_MAVEN
                        && !Files.isDirectory(home.resolve("modules").resolve(PainlessInstaller.MODULE))) {
                    PainlessInstaller.install(dist, home);
                }
                return home;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not unpack " + dist + " into " + root, e);
        }
    }

    private static void unzip(Path zip, Path into) throws IOException {
        try (ZipFile zf = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> entries = zf.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                Path target = into.resolve(e.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException("zip entry escapes the target directory: " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    try (InputStream in = zf.getInputStream(e)) {
                        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
    }

    private static void makeScriptsExecutable(Path bin) throws IOException {
        try (Stream<Path> files = Files.list(bin)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(f)) {
                    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted((a, b) -> b.getNameCount() - a.getNameCount())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}

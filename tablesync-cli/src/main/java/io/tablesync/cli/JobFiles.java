package io.tablesync.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The job arguments of {@code sync} and {@code check}: files, URLs, and directories — a directory
 * stands for its {@code *.json} files (not its subdirectories), in name order, so a service can run
 * "every job in /etc/tablesync/jobs".
 */
final class JobFiles {
    private JobFiles() {
    }

    /**
     * Every job named, directories expanded, each once.
     *
     * @throws IllegalArgumentException a directory without job files, naming it
     */
    static List<String> expand(List<String> arguments) {
        Set<String> jobs = new LinkedHashSet<>();
        for (String a : arguments) {
            Path p = a.startsWith("http://") || a.startsWith("https://") ? null : Path.of(a);
            if (p == null || !Files.isDirectory(p)) {
                jobs.add(a);
                continue;
            }
            List<String> found = new ArrayList<>();
            try (Stream<Path> files = Files.list(p)) {
                files.filter(f -> f.getFileName().toString().endsWith(".json") && Files.isRegularFile(f))
                        .map(Path::toString).sorted().forEach(found::add);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list the job directory " + a, e);
            }
            if (found.isEmpty()) {
                throw new IllegalArgumentException("the directory " + a + " holds no job files (*.json)");
            }
            jobs.addAll(found);
        }
        return new ArrayList<>(jobs);
    }

    /** The first job and the others, as the commands take them (JOB [JOB...]). */
    static List<String> of(String first, List<String> more) {
        List<String> all = new ArrayList<>();
        all.add(first);
        if (more != null) {
            all.addAll(more);
        }
        return all;
    }
}

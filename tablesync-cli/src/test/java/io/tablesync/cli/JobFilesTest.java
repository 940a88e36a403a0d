package io.tablesync.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobFilesTest {
    @TempDir
    Path dir;

    @Test
    void aDirectoryStandsForItsJsonFilesInNameOrderEachJobOnce() throws Exception {
        Path jobs = Files.createDirectories(dir.resolve("jobs"));
        Files.writeString(jobs.resolve("b.json"), "{}");
        Files.writeString(jobs.resolve("a.json"), "{}");
        Files.writeString(jobs.resolve("notes.txt"), "");
        Files.createDirectories(jobs.resolve("sub.json"));
        Path single = Files.writeString(dir.resolve("c.json"), "{}");
        List<String> expanded = JobFiles.expand(List.of(jobs.toString(), single.toString(), jobs.resolve("a.json").toString(),
                "https://example.com/job.json"));
        assertThat(expanded).containsExactly(jobs.resolve("a.json").toString(), jobs.resolve("b.json").toString(),
                single.toString(), "https://example.com/job.json");
    }

    @Test
    void aDirectoryWithoutJobsIsNamed() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThatThrownBy(() -> JobFiles.expand(List.of(empty.toString())))
                .hasMessage("the directory " + empty + " holds no job files (*.json)");
    }

    @Test
    void sameFileNamesInTwoDirectoriesGetDistinctJobNames() {
        assertThat(SyncCommand.uniqueNames(List.of("/x/a.json", "/y/a.json", "/y/b.json")))
                .containsExactly("a.json", "a.json#2", "b.json");
    }
}

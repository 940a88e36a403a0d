package io.tablesync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tablesync.testkit.tablestore.TablestoreLocal;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code tablesync ots …} against a real (in-process) tablestore-local. */
class OtsCommandTest {
    static TablestoreLocal ots;

    @BeforeAll
    static void start() {
        ots = TablestoreLocal.start();
    }

    @AfterAll
    static void stop() {
        ots.close();
    }

    record Result(int exit, String out, String err) {
    }

    private static Result ots(String... args) {
        List<String> all = new ArrayList<>(List.of("ots"));
        all.addAll(List.of(args));
        all.addAll(List.of("--endpoint", ots.endpoint(), "--instance", ots.instance(), "--access-key-id", ots.accessKeyId(),
                "--access-key-secret", ots.accessKeySecret()));
        return raw(all.toArray(new String[0]));
    }

    private static Result raw(String... args) {
        CommandLine cmd = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int exit = cmd.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    @Test
    void createWriteReadUpdateDeleteScanAndSplit() {
        assertThat(ots("create-table", "people", "--pk", "uid:string", "--stream", "--expiry", "12").exit()).isEqualTo(0);
        assertThat(ots("list").out()).contains("people");
        Result d = ots("describe", "people");
        assertThat(d.out()).contains("primary key: uid:string").contains("stream: enabled, 12 h retention").contains("shard: ");
        assertThat(ots("put", "people", "uid=u1", "name=Alice", "phone=111", "age:integer=30").exit()).isEqualTo(0);
        assertThat(ots("put", "people", "uid=u2", "name=Bob").exit()).isEqualTo(0);
        assertThat(ots("update", "people", "uid=u1", "phone=999", "--delete-column", "age").exit()).isEqualTo(0);
        assertThat(ots("get", "people", "uid=u1").out().trim()).isEqualTo("{\"uid\":\"u1\",\"name\":\"Alice\",\"phone\":\"999\"}");
        assertThat(ots("delete", "people", "uid=u2").exit()).isEqualTo(0);
        Result missing = ots("get", "people", "uid=u2");
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).contains("no such row");
        assertThat(ots("scan", "people").out().trim().split("\n")).containsExactly("{\"uid\":\"u1\",\"name\":\"Alice\",\"phone\":\"999\"}");
        Result split = ots("split-shard", "people");
        assertThat(split.exit()).as(split.err()).isEqualTo(0);
        assertThat(split.out()).contains("children");
        assertThat(ots("describe", "people").out()).contains(" parent ");
    }

    @Test
    void mistakesAreOneLineWithExit1AndNoSecret() {
        ots("create-table", "keyed", "--pk", "id:integer");
        Result noKey = ots("put", "keyed", "name=x");
        assertThat(noKey.exit()).isEqualTo(1);
        assertThat(noKey.err()).contains("the primary key column id is missing").doesNotContain("\tat ");
        Result badInt = ots("put", "keyed", "id=abc");
        assertThat(badInt.err()).contains("id: \"abc\" is not an integer");
        Result noTable = ots("get", "nosuchtable", "id=1");
        assertThat(noTable.exit()).isEqualTo(1);
        assertThat(noTable.err()).contains("OTSObjectNotExist").doesNotContain("\tat ");
        Result badSecret = raw("ots", "list", "--endpoint", ots.endpoint(), "--access-key-secret", "Wrong-Secret-123");
        assertThat(badSecret.exit()).isEqualTo(1);
        assertThat(badSecret.err()).contains("OTSAuthFailed").doesNotContain("Wrong-Secret-123");
        Result noScheme = raw("ots", "list", "--endpoint", "127.0.0.1:1");
        assertThat(noScheme.err()).contains("--endpoint \"127.0.0.1:1\" has no scheme").doesNotContain("\tat ");
    }
}

package io.tablesync.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobConfigLoaderTest {
    @TempDir
    Path dir;

    private static final String JOB = "{\n"
            + "  \"job\": {\n"
            + "    \"setting\": { \"speed\": { \"channel\": 1 # 通道数目\n } },\n"
            + "    // a Java-style comment\n"
            + "    \"content\": [ { \"reader\": { \"name\": \"r\", \"parameter\": { \"start\": \"${start_time}\", \"end\": $end_time, \"table\": \"t_${suffix}\" } },\n"
            + "                   \"writer\": { \"name\": \"w\", \"parameter\": {} } } ]\n"
            + "  }\n"
            + "}\n";

    private static JobConfigLoader.LoadedJob parse(String text, Map<String, String> props) {
        return JobConfigLoader.parse("job.json", text, props, null);
    }

    @Test
    void acceptsHashAndSlashCommentsAndSubstitutesBothPlaceholderForms() {
        Configuration root = parse(JOB, Map.of("start_time", "1510036262000", "end_time", "1510036881000", "suffix", "x")).root();
        Configuration reader = root.getConfiguration("job.content[0].reader.parameter");
        assertThat(reader.getLong("start")).isEqualTo(1510036262000L);
        assertThat(reader.getLong("end")).isEqualTo(1510036881000L);
        assertThat(reader.getString("table")).isEqualTo("t_x");
        assertThat(root.getInt("job.setting.speed.channel")).isEqualTo(1);
    }

    private static final String SECRET_JOB = "{\"job\": {\"content\": [ {\"reader\": {\"name\": \"r\", \"parameter\": {"
            + "\"accessKey\": \"${env:OTS_KEY}\", \"endpoint\": \"http://${env:HOST}:8600\", \"other\": \"${file:%s}\","
            + "\"start\": \"${start_time}\"}}, \"writer\": {\"name\": \"w\", \"parameter\": {}}} ]}}";

    @Test
    void environmentAndFileReferencesAreResolvedAtLoadAndReportedAsSecrets() throws Exception {
        Path file = dir.resolve("secret.txt");
        Files.writeString(file, "s3cr\"et\\\n"); // quotes and backslashes survive: resolved after parsing
        JobConfigLoader.LoadedJob job = JobConfigLoader.parse("job.json", String.format(SECRET_JOB, file), Map.of("start_time", "7"),
                null, Map.of("OTS_KEY", "k3y", "HOST", "127.0.0.1")::get);
        Configuration reader = job.root().getConfiguration("job.content[0].reader.parameter");
        assertThat(reader.getString("accessKey")).isEqualTo("k3y");
        assertThat(reader.getString("endpoint")).isEqualTo("http://127.0.0.1:8600");
        assertThat(reader.getString("other")).isEqualTo("s3cr\"et\\");
        assertThat(reader.getString("start")).as("DataX placeholders as before").isEqualTo("7");
        assertThat(job.externalValues()).containsExactlyInAnyOrder("k3y", "127.0.0.1", "s3cr\"et\\");
    }

    @Test
    void aMissingVariableOrFileIsAConfigurationErrorNamingKeyAndReference() {
        assertThatThrownBy(() -> JobConfigLoader.parse("job.json", String.format(SECRET_JOB, dir.resolve("x")), Map.of(), null,
                Map.of("HOST", "h")::get))
                .hasMessageContaining("job.content[0].reader.parameter.accessKey")
                .hasMessageContaining("${env:OTS_KEY}").hasMessageContaining("not set");
        assertThatThrownBy(() -> JobConfigLoader.parse("job.json", String.format(SECRET_JOB, dir.resolve("missing.txt")), Map.of(),
                null, Map.of("HOST", "h", "OTS_KEY", "k")::get))
                .hasMessageContaining("job.content[0].reader.parameter.other").hasMessageContaining("no such file");
    }

    @Test
    void unresolvedPlaceholderInANumberIsNamedWithItsKey() {
        Configuration root = parse(JOB.replace("$end_time", "1"), Map.of()).root();
        assertThatThrownBy(() -> root.getConfiguration("job.content[0].reader.parameter").getLong("start"))
                .hasMessageContaining("placeholder ${start_time} in job.content[0].reader.parameter.start has no value")
                .hasMessageContaining("-Dstart_time=");
    }

    @Test
    void unresolvedPlaceholderInARequiredStringIsAnError() {
        Configuration root = parse(JOB.replace("$end_time", "1"), Map.of()).root();
        assertThatThrownBy(() -> root.getConfiguration("job.content[0].reader.parameter").getNecessaryString("table"))
                .hasMessageContaining("placeholder ${suffix} in job.content[0].reader.parameter.table has no value");
    }

    @Test
    void blankPropertyLeavesThePlaceholderAsDataXDoes() {
        assertThat(Placeholders.substitute("a ${x} b $x", Map.of("x", " "))).isEqualTo("a ${x} b $x");
        assertThat(Placeholders.substitute("$n-$name", Map.of("n", "1", "name", "N"))).isEqualTo("1-N");
        // braces count only in pairs: an unbraced placeholder never eats the object's closing brace
        assertThat(Placeholders.substitute("{\"a\":{\"n\":$n}}", Map.of("n", "3"))).isEqualTo("{\"a\":{\"n\":3}}");
    }

    @Test
    void syntaxErrorNamesFileLineAndColumn() {
        assertThatThrownBy(() -> parse("{\n  \"job\": {\n    \"setting\": { ,\n  }\n}", Map.of()))
                .hasMessageContaining("job.json: JSON syntax error at line 3, column");
    }

    @Test
    void extraContentEntriesAreIgnoredWithAWarning() {
        String two = "{\"job\":{\"setting\":{},\"content\":[{\"reader\":{\"name\":\"r\"},\"writer\":{\"name\":\"w\"}},"
                + "{\"reader\":{\"name\":\"x\"},\"writer\":{\"name\":\"y\"}}]}}";
        JobConfigLoader.LoadedJob job = parse(two, Map.of());
        assertThat(job.warnings()).containsExactly(
                "job.content has 2 entries; only job.content[0] is used (as in DataX), the others are ignored");
        assertThat(job.content().getString("reader.name")).isEqualTo("r");
    }

    @Test
    void missingWriterIsAClearError() {
        assertThatThrownBy(() -> parse("{\"job\":{\"content\":[{\"reader\":{\"name\":\"r\"}}]}}", Map.of()))
                .hasMessageContaining("missing job.content[0].writer");
    }

    @Test
    void coreAndCommonBlocksOfTheJobOverrideCoreJson() {
        Configuration defaults = JobConfigLoader.coreDefaults(null);
        String job = "{\"core\":{\"transport\":{\"channel\":{\"speed\":{\"byte\":1048576}}}},"
                + "\"common\":{\"column\":{\"timeZone\":\"UTC\"}},"
                + "\"job\":{\"content\":[{\"reader\":{\"name\":\"r\"},\"writer\":{\"name\":\"w\"}}]}}";
        Configuration root = JobConfigLoader.parse("j", job, Map.of(), defaults).root();
        assertThat(root.getLong("core.transport.channel.speed.byte")).isEqualTo(1048576L);
        assertThat(root.getLong("core.transport.channel.speed.record")).isEqualTo(-1L);
        assertThat(root.getString("common.column.timeZone")).isEqualTo("UTC");
        assertThat(root.getString("common.column.datetimeFormat")).isEqualTo("yyyy-MM-dd HH:mm:ss");
    }

    @Test
    void loadsFromAFileAndReportsAMissingOne() throws Exception {
        Path file = dir.resolve("j.json");
        Files.writeString(file, JOB);
        assertThat(JobConfigLoader.load(file.toString(), Map.of("start_time", "1", "end_time", "2"), null).root()
                .getLong("job.content[0].reader.parameter.end")).isEqualTo(2L);
        assertThatThrownBy(() -> JobConfigLoader.load(dir.resolve("nope.json").toString(), Map.of(), null))
                .hasMessageContaining("nope.json does not exist");
    }

    @Test
    void loadsFromAnHttpUrl() throws Exception {
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/job.json", ex -> {
            byte[] body = JOB.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            assertThat(JobConfigLoader.load(base + "/job.json", Map.of("start_time", "1", "end_time", "7"), null).root()
                    .getLong("job.content[0].reader.parameter.end")).isEqualTo(7L);
            assertThatThrownBy(() -> JobConfigLoader.load(base + "/other.json", Map.of(), null))
                    .hasMessageContaining("answered HTTP 404");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void wrongTypesNameTheKey() {
        Configuration c = Configuration.fromJson("{\"a\":{\"n\":\"abc\",\"b\":\"maybe\",\"o\":[1]}}");
        assertThatThrownBy(() -> c.getLong("a.n")).hasMessageContaining("a.n must be an integer, but is \"abc\"");
        assertThatThrownBy(() -> c.getBool("a.b")).hasMessageContaining("a.b must be true or false");
        assertThatThrownBy(() -> c.getConfiguration("a.o")).hasMessageContaining("a.o must be a JSON object");
        assertThat(c.getConfiguration("a").describe("n")).isEqualTo("a.n");
    }

    @Test
    void aNonUtf8JobFileNamesTheEncodingAndTheByteOffset() throws Exception {
        Path f = dir.resolve("gbk.json");
        byte[] head = "{\"job\": {\n \"x\": \"".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] gbk = "café\"}}".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1); // é is 0xE9 in Latin-1
        byte[] all = new byte[head.length + gbk.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(gbk, 0, all, head.length, gbk.length);
        Files.write(f, all);
        assertThatThrownBy(() -> JobConfigLoader.load(f.toString(), Map.of(), null))
                .hasMessageContaining("is not valid UTF-8").hasMessageContaining("byte 0xE9 at byte offset " + (head.length + 3))
                .hasMessageContaining("(line 2)").hasMessageContaining("configuration error")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("Input length"));
    }

    @Test
    void aJobUrlOnAClosedPortSaysConnectionRefused() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String url = "http://user:hunter22@127.0.0.1:" + port + "/job.json";
        assertThatThrownBy(() -> JobConfigLoader.load(url, Map.of(), null))
                .hasMessageContaining("connection refused").hasMessageContaining("http://********@127.0.0.1:" + port)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(": null").doesNotContain("hunter22"));
    }
}

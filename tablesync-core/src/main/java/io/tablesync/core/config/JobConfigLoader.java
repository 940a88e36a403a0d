package io.tablesync.core.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tablesync.core.FrameworkErrorCode;
import io.tablesync.core.TablesyncException;
import io.tablesync.core.net.NetworkErrors;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a DataX job file (path or http(s) URL) into a validated {@link Configuration}:
 * placeholders substituted, comments allowed, defaults from core.json merged under the job's own
 * {@code core}/{@code common} blocks, and the {@code job.content[0]} shape checked.
 */
public final class JobConfigLoader {
    private JobConfigLoader() {
    }

    /**
     * The loaded job plus the warnings the user should see, and the values taken from the environment
     * and files ({@code ${env:…}}, {@code ${file:…}}), which are secrets wherever they appear.
     */
    public record LoadedJob(Configuration root, List<String> warnings, List<String> externalValues) {
        public Configuration content() {
            return root.getConfiguration("job.content[0]");
        }
    }

    public static LoadedJob load(String location, Map<String, String> properties, Configuration coreDefaults) {
        String text = readText(location);
        // a URL's user:password never reaches a message
        return parse(SecretMasker.maskUrl(location), text, properties, coreDefaults);
    }

    public static LoadedJob parse(String location, String rawText, Map<String, String> properties,
            Configuration coreDefaults) {
        return parse(location, rawText, properties, coreDefaults, System::getenv);
    }

    static LoadedJob parse(String location, String rawText, Map<String, String> properties, Configuration coreDefaults,
            java.util.function.Function<String, String> environment) {
        Configuration root = parseObject(location, Placeholders.substitute(rawText, properties));
        List<String> external = ExternalValues.resolve(root, environment);
        List<String> warnings = new ArrayList<>();
        checkShape(location, root, warnings);
        if (coreDefaults != null) {
            root.mergeDefaults(coreDefaults);
        }
        return new LoadedJob(root, warnings, external);
    }

    /** Parses lenient JSON text into an object configuration; syntax errors name file, line and column. */
    static Configuration parseObject(String location, String text) {
        JsonNode tree;
        try {
            tree = JsonSupport.lenientMapper().readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            throw TablesyncException.userError(FrameworkErrorCode.JOB_CONFIG_ERROR,
                    location + ": JSON syntax error" + where + ": " + e.getOriginalMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw TablesyncException.userError(FrameworkErrorCode.JOB_CONFIG_ERROR,
                    location + ": must contain one JSON object");
        }
        return Configuration.of((ObjectNode) tree, "");
    }

    /**
     * The keys the engine reads at each level above the plugins' parameters (DataX's set). A
     * misspelt one ({@code "settings"}, {@code "errorlimit"}) would silently fall back to a default.
     */
    private static final Map<String, Set<String>> ENGINE_KEYS = Map.of(
            "", Set.of("job", "core", "common", "entry", "plugin"),
            "job", Set.of("setting", "content", "preHandler", "postHandler", "jobInfo"),
            "job.setting", Set.of("speed", "errorLimit", "dryRun", "keyVersion"),
            "job.setting.speed", Set.of("channel", "byte", "record"),
            "job.setting.errorLimit", Set.of("record", "percentage"),
            "job.content[0]", Set.of("reader", "writer", "transformer", "taskId"),
            "job.content[0].reader", Set.of("name", "parameter"),
            "job.content[0].writer", Set.of("name", "parameter"));

    private static void checkKnownKeys(Configuration root, List<String> warnings) {
        for (Map.Entry<String, Set<String>> e : ENGINE_KEYS.entrySet()) {
            Configuration level = e.getKey().isEmpty() ? root : root.getConfiguration(e.getKey());
            if (level != null) {
                warnings.addAll(ParameterChecker.unknownKeyWarnings(level, e.getValue()));
            }
        }
        for (String handler : new String[] {"job.preHandler", "job.postHandler"}) {
            if (root.has(handler)) {
                warnings.add(handler + " is not supported by tablesync and is ignored (DataX runs a handler plugin there)");
            }
        }
        if (root.has("job.setting.keyVersion")) {
            throw TablesyncException.userError(FrameworkErrorCode.JOB_CONFIG_ERROR,
                    "job.setting.keyVersion (encrypted parameter values) is not supported by tablesync: put the plain"
                            + " values in the job and keep the file private");
        }
    }

    private static void checkShape(String location, Configuration root, List<String> warnings) {
        if (root.getConfiguration("job") == null) {
            throw TablesyncException.userError(FrameworkErrorCode.JOB_CONFIG_ERROR,
                    "job file " + location + ": missing the \"job\" object");
        }
        List<JsonNode> content = root.getList("job.content");
        if (content.isEmpty()) {
            throw TablesyncException.userError(FrameworkErrorCode.JOB_CONFIG_ERROR,
                    "job file " + location + ": job.content must be a non-empty array of {reader, writer}");
        }
        if (!content.get(0).isObject()) {
            throw TablesyncException.userError(FrameworkErrorCode.JOB_CONFIG_ERROR,
                    "job file " + location + ": job.content[0] must be an object {reader, writer}, but is " + content.get(0));
        }
        for (String level : new String[] {"job.setting", "job.setting.speed", "job.setting.errorLimit"}) {
            if (root.has(level)) {
                root.getConfiguration(level);
            }
        }
        checkKnownKeys(root, warnings);
        if (content.size() > 1) {
            warnings.add("job.content has " + content.size()
                    + " entries; only job.content[0] is used (as in DataX), the others are ignored");
        }
        for (String side : new String[] {"reader", "writer"}) {
            String base = "job.content[0]." + side;
            if (root.getConfiguration(base) == null) {
                throw TablesyncException.userError(FrameworkErrorCode.JOB_CONFIG_ERROR,
                        "job file " + location + ": missing " + base + " (both a reader and a writer are required)");
            }
            root.getNecessaryString(base + ".name");
            if (root.has(base + ".parameter")) {
                root.getConfiguration(base + ".parameter");
            }
        }
    }

    static String readText(String location) {
        byte[] bytes;
        if (location.startsWith("http://") || location.startsWith("https://")) {
            bytes = fetch(location);
        } else {
            try {
                bytes = Files.readAllBytes(Path.of(location));
            } catch (NoSuchFileException e) {
                throw TablesyncException.userError(FrameworkErrorCode.JOB_CONFIG_ERROR, "job file " + location + " does not exist");
            } catch (IOException | InvalidPathException e) {
                throw TablesyncException.userError(FrameworkErrorCode.JOB_CONFIG_ERROR,
                        "cannot read job file " + location + ": " + NetworkErrors.describe(e));
            }
        }
        return decodeUtf8(location, bytes);
    }

    /** A single GET (DataX's rule), with the reason a user can act on when it fails. */
    private static byte[] fetch(String location) {
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            HttpResponse<byte[]> resp = client.send(
                    HttpRequest.newBuilder(URI.create(location)).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (resp.statusCode() / 100 != 2) {
                throw TablesyncException.userError(FrameworkErrorCode.JOB_CONFIG_ERROR,
                        "job URL " + SecretMasker.maskUrl(location) + " answered HTTP " + resp.statusCode());
            }
            return resp.body();
        } catch (IOException | IllegalArgumentException e) {
            throw TablesyncException.userError(FrameworkErrorCode.JOB_CONFIG_ERROR,
                    "cannot fetch job URL " + SecretMasker.maskUrl(location) + ": " + NetworkErrors.describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw TablesyncException.userError(FrameworkErrorCode.JOB_CONFIG_ERROR,
                    "interrupted while fetching " + SecretMasker.maskUrl(location));
        }
    }

    /** Strict UTF-8: a wrong byte is named by its offset and line instead of "Input length = 1". */
    static String decodeUtf8(String location, byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult r = decoder.decode(in, out, true);
        if (r.isError()) {
            int offset = in.position();
            int line = 1;
            for (int i = 0; i < offset; i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw TablesyncException.userError(FrameworkErrorCode.JOB_CONFIG_ERROR, String.format(
                    "job file %s is not valid UTF-8: byte 0x%02X at byte offset %d (line %d) is not part of a UTF-8 character;"
                            + " save the file as UTF-8 (it may be GBK/GB18030 or Latin-1)",
                    SecretMasker.maskUrl(location), bytes[offset] & 0xff, offset, line));
        }
        decoder.flush(out);
        out.flip();
        String text = out.toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text; // a BOM some editors write
    }

    /** conf/core.json from the installation if present, else the defaults bundled in the core jar. */
    public static Configuration coreDefaults(Path home) {
        try {
            if (home != null) {
                Path file = home.resolve("conf").resolve("core.json");
                if (Files.isRegularFile(file)) {
                    return parseObject(file.toString(), Files.readString(file));
                }
            }
            try (InputStream in = JobConfigLoader.class.getResourceAsStream("/io/tablesync/core/core.json")) {
                return Configuration.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw TablesyncException.userError(FrameworkErrorCode.INSTALL_ERROR, "cannot read core.json: " + e.getMessage());
        }
    }
}

package io.tablesync.core.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tablesync.core.FrameworkErrorCode;
import io.tablesync.core.TablesyncException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a DataX job file (path or http(s) URL) into a validated {@link Configuration}:
 * placeholders substituted, comments allowed, defaults from core.json merged under the job's own
 * {@code core}/{@code common} blocks, and the {@code job.content[0]} shape checked.
 */
public final class JobConfigLoader {
    private JobConfigLoader() {
    }

    /** The loaded job plus the warnings the user should see. */
    public record LoadedJob(Configuration root, List<String> warnings) {
        public Configuration content() {
            return root.getConfiguration("job.content[0]");
        }
    }

    public static LoadedJob load(String location, Map<String, String> properties, Configuration coreDefaults) {
        String text = readText(location);
        return parse(location, text, properties, coreDefaults);
    }

    public static LoadedJob parse(String location, String rawText, Map<String, String> properties,
            Configuration coreDefaults) {
        Configuration root = parseObject(location, Placeholders.substitute(rawText, properties));
        List<String> warnings = new ArrayList<>();
        checkShape(location, root, warnings);
        if (coreDefaults != null) {
            root.mergeDefaults(coreDefaults);
        }
        return new LoadedJob(root, warnings);
    }

    /** Parses lenient JSON text into an object configuration; syntax errors name file, line and column. */
    static Configuration parseObject(String location, String text) {
        JsonNode tree;
        try {
            tree = JsonSupport.lenientMapper().readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            throw TablesyncException.userError(FrameworkErrorCode.CONFIG_ERROR,
                    location + ": JSON syntax error" + where + ": " + e.getOriginalMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw TablesyncException.userError(FrameworkErrorCode.CONFIG_ERROR,
                    location + ": must contain one JSON object");
        }
        return Configuration.of((ObjectNode) tree, "");
    }

    private static void checkShape(String location, Configuration root, List<String> warnings) {
        if (root.getConfiguration("job") == null) {
            throw TablesyncException.userError(FrameworkErrorCode.CONFIG_ERROR,
                    "job file " + location + ": missing the \"job\" object");
        }
        List<JsonNode> content = root.getList("job.content");
        if (content.isEmpty()) {
            throw TablesyncException.userError(FrameworkErrorCode.CONFIG_ERROR,
                    "job file " + location + ": job.content must be a non-empty array of {reader, writer}");
        }
        if (content.size() > 1) {
            warnings.add("job.content has " + content.size()
                    + " entries; only job.content[0] is used (as in DataX), the others are ignored");
        }
        for (String side : new String[] {"reader", "writer"}) {
            String base = "job.content[0]." + side;
            if (root.getConfiguration(base) == null) {
                throw TablesyncException.userError(FrameworkErrorCode.CONFIG_ERROR,
                        "job file " + location + ": missing " + base + " (both a reader and a writer are required)");
            }
            root.getNecessaryString(base + ".name");
            if (root.has(base + ".parameter")) {
                root.getConfiguration(base + ".parameter");
            }
        }
    }

    static String readText(String location) {
        try {
            if (location.startsWith("http://") || location.startsWith("https://")) {
                HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
                HttpResponse<String> resp = client.send(
                        HttpRequest.newBuilder(URI.create(location)).timeout(Duration.ofSeconds(30)).GET().build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                if (resp.statusCode() / 100 != 2) {
                    throw TablesyncException.userError(FrameworkErrorCode.CONFIG_ERROR,
                            "job URL " + location + " answered HTTP " + resp.statusCode());
                }
                return resp.body();
            }
            return Files.readString(Path.of(location), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw TablesyncException.userError(FrameworkErrorCode.CONFIG_ERROR, "job file " + location + " does not exist");
        } catch (IOException e) {
            throw TablesyncException.userError(FrameworkErrorCode.CONFIG_ERROR,
                    "cannot read job " + location + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw TablesyncException.userError(FrameworkErrorCode.CONFIG_ERROR, "interrupted while fetching " + location);
        }
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

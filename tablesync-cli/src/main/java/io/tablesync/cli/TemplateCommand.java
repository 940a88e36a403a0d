package io.tablesync.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tablesync.core.FrameworkErrorCode;
import io.tablesync.core.TablesyncException;
import io.tablesync.core.config.JsonSupport;
import io.tablesync.core.engine.PluginRegistry;
import io.tablesync.core.spi.ReaderPlugin;
import io.tablesync.core.spi.WriterPlugin;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "template", mixinStandardHelpOptions = true,
        description = "Print a job file skeleton for a reader and a writer (datax.py -r R -w W).")
final class TemplateCommand implements Callable<Integer> {
    @Option(names = {"-r", "--reader"}, required = true, paramLabel = "READER", description = "Reader name, e.g. otsstreamreader.")
    String reader;

    @Option(names = {"-w", "--writer"}, required = true, paramLabel = "WRITER", description = "Writer name, e.g. elasticsearchwriter.")
    String writer;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PluginRegistry registry = PluginRegistry.fromClassPath();
        registry.requireBoth(reader, writer);
        ReaderPlugin r = registry.reader(reader);
        WriterPlugin w = registry.writer(writer);
        ObjectNode root = JsonSupport.mapper().createObjectNode();
        ObjectNode job = root.putObject("job");
        ObjectNode setting = job.putObject("setting");
        setting.putObject("speed").put("channel", 1);
        setting.putObject("errorLimit").put("record", 0);
        ObjectNode content = job.putArray("content").addObject();
        content.putObject("reader").put("name", reader).set("parameter", parse(r.template(), reader));
        content.putObject("writer").put("name", writer).set("parameter", parse(w.template(), writer));
        spec.commandLine().getErr().println("Save the following configuration as a JSON file and run it with "
                + "bin/tablesync run JOB.json (or python bin/datax.py JOB.json).\n");
        // job files may carry comments (the official guide's do): say what to change right where it is
        java.util.List<String> notes = new java.util.ArrayList<>();
        notes.add("tablesync job: " + reader + " -> " + writer + ". Edit what these comments name, then run it.");
        notes.addAll(r.templateNotes());
        notes.addAll(w.templateNotes());
        notes.add("${name} placeholders take their values from -Dname=value (datax.py: -p \"-Dname=value\").");
        StringBuilder out = new StringBuilder();
        notes.forEach(n -> out.append("// ").append(n).append('\n'));
        spec.commandLine().getOut().print(out);
        spec.commandLine().getOut().println(root.toPrettyString());
        return 0;
    }

    private static JsonNode parse(String json, String plugin) {
        try {
            return JsonSupport.mapper().readTree(json);
        } catch (Exception e) {
            throw TablesyncException.internal(FrameworkErrorCode.PLUGIN_INSTALL_ERROR, "bad template of " + plugin, e);
        }
    }
}

package io.tablesync.core.transformer;

import com.fasterxml.jackson.databind.JsonNode;
import io.tablesync.core.TablesyncException;
import io.tablesync.core.config.Configuration;
import io.tablesync.core.config.ParameterChecker;
import io.tablesync.core.element.Record;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job's {@code job.content[0].transformer} list, checked when the job starts (before any plugin
 * touches anything) and applied, in order, to every record on its way from the reader to the
 * channel (see {@link TransformingRecordSender}). Any runner can build one from a job and reuse it.
 *
 * <p>Differences from DataX, all on bad input: DataX checks a built-in's parameters on every record
 * and makes each one dirty; here a wrong parameter is a configuration error at start. An unknown
 * name also names the known ones.
 */
public final class TransformerChain {
    public static final String PATH = "job.content[0].transformer";
    private static final Logger LOG = LoggerFactory.getLogger(TransformerChain.class);
    private static final Set<String> ENTRY_KEYS = Set.of("name", "parameter");
    private static final Set<String> PARAMETER_KEYS = Set.of("columnIndex", "paras", "context", "code", "extraPackage");

    /** The built-ins, by DataX name; each checks its spec and returns per-task instances. */
    private static final Map<String, Function<TransformerSpec, Supplier<Transformer>>> BUILT_INS = new LinkedHashMap<>();

    static {
        BUILT_INS.put(SubstrTransformer.NAME, shared(SubstrTransformer::create));
        BUILT_INS.put(PadTransformer.NAME, shared(PadTransformer::create));
        BUILT_INS.put(ReplaceTransformer.NAME, shared(ReplaceTransformer::create));
        BUILT_INS.put(FilterTransformer.NAME, shared(FilterTransformer::create));
        BUILT_INS.put(GroovyTransformer.NAME, GroovyTransformer::compile);
        BUILT_INS.put(DigestTransformer.NAME, shared(DigestTransformer::create));
    }

    /** A stateless built-in: one instance serves every task. */
    private static Function<TransformerSpec, Supplier<Transformer>> shared(Function<TransformerSpec, Transformer> create) {
        return spec -> {
            Transformer t = create.apply(spec);
            return () -> t;
        };
    }

    /** One checked entry. */
    private record Step(String name, Integer columnIndex, Supplier<Transformer> instances) {
    }

    private final List<Step> steps;

    private TransformerChain(List<Step> steps) {
        this.steps = List.copyOf(steps);
    }

    public static TransformerChain none() {
        return new TransformerChain(List.of());
    }

    public static Set<String> knownNames() {
        return BUILT_INS.keySet();
    }

    /** Reads and checks {@code job.content[0].transformer}; an absent or empty list is the empty chain. */
    public static TransformerChain fromJob(Configuration root) {
        List<Configuration> entries = root.getListConfiguration(PATH);
        List<TransformerSpec> specs = new ArrayList<>();
        boolean groovySeen = false;
        for (Configuration entry : entries) {
            String where = entry.prefix();
            ParameterChecker.unknownKeyWarnings(entry, ENTRY_KEYS).forEach(LOG::warn);
            String name = entry.getString("name");
            if (name == null || name.isBlank()) {
                throw TablesyncException.userError(TransformerErrorCode.CONFIGURATION_ERROR,
                        "config=" + entry.toJson() + " (" + where + ".name is missing)");
            }
            if (!BUILT_INS.containsKey(name)) {
                String closest = ParameterChecker.closest(name, BUILT_INS.keySet());
                throw TablesyncException.userError(TransformerErrorCode.NOT_FOUND, "name=" + name + " (" + where
                        + ".name: unknown transformer" + (closest == null ? "" : "; did you mean \"" + closest + "\"?")
                        + " known transformers: " + String.join(", ", BUILT_INS.keySet()) + ")");
            }
            if (name.equals(GroovyTransformer.NAME)) {
                if (groovySeen) {
                    throw TablesyncException.userError(TransformerErrorCode.CONFIGURATION_ERROR,
                            "dx_groovy can be invoke once only. (" + where + " is the second dx_groovy)");
                }
                groovySeen = true;
            }
            Configuration parameter = entry.getConfiguration("parameter");
            if (parameter == null) {
                parameter = Configuration.empty().withPrefix(where + ".parameter");
            }
            ParameterChecker.unknownKeyWarnings(parameter, PARAMETER_KEYS).forEach(LOG::warn);
            specs.add(spec(where, name, parameter));
        }
        List<Step> steps = new ArrayList<>();
        List<String> names = new ArrayList<>();
        specs.forEach(s -> names.add(s.name()));
        if (!specs.isEmpty()) {
            LOG.info(" user config tranformers [{}], loading...", names);
        }
        int i = 0;
        for (TransformerSpec s : specs) {
            steps.add(new Step(s.name(), s.columnIndex(), BUILT_INS.get(s.name()).apply(s)));
            LOG.info(" {} of transformer init success. name={}, isNative=true parameter = {}", ++i, s.name(),
                    root.getConfiguration(s.where() + ".parameter"));
        }
        return new TransformerChain(steps);
    }

    private static TransformerSpec spec(String where, String name, Configuration p) {
        boolean groovy = name.equals(GroovyTransformer.NAME);
        Integer columnIndex = null;
        if (!groovy) {
            columnIndex = p.getInt("columnIndex");
            if (columnIndex == null) {
                throw TablesyncException.userError(TransformerErrorCode.ILLEGAL_PARAMETER,
                        "columnIndex must be set by UDF:name=" + name + " (" + p.describe("columnIndex") + " is missing)");
            }
            if (columnIndex < 0) {
                throw TablesyncException.userError(TransformerErrorCode.ILLEGAL_PARAMETER,
                        p.describe("columnIndex") + " must be 0 or more, but is " + columnIndex);
            }
        }
        return new TransformerSpec(where, name, columnIndex, texts(p, "paras"), groovy ? p.getString("code") : null,
                groovy ? texts(p, "extraPackage") : List.of());
    }

    /** A list of strings; numbers are taken as their text (DataX's getList(…, String.class) does the same). */
    private static List<String> texts(Configuration p, String key) {
        List<String> out = new ArrayList<>();
        List<JsonNode> items = p.getList(key);
        for (int i = 0; i < items.size(); i++) {
            JsonNode n = items.get(i);
            if (!n.isValueNode() || n.isNull()) {
                throw TablesyncException.userError(TransformerErrorCode.ILLEGAL_PARAMETER,
                        p.describe(key) + "[" + i + "] must be a string or a number, but is " + n);
            }
            out.add(n.asText());
        }
        return out;
    }

    public boolean isEmpty() {
        return steps.isEmpty();
    }

    /** True when a step may add or remove columns (a dx_groovy script can), so the record width is not known ahead. */
    public boolean mayChangeRecordWidth() {
        return steps.stream().anyMatch(s -> s.columnIndex() == null);
    }

    /**
     * DataX's column index check, for a record of the given width: a step whose columnIndex does not
     * exist is an error (DataX checks on the first record and fails the task).
     */
    public void checkColumnIndexes(int width) {
        for (Step s : steps) {
            if (s.columnIndex() != null && s.columnIndex() >= width) {
                throw TablesyncException.userError(TransformerErrorCode.ILLEGAL_PARAMETER,
                        String.format("columnIndex[%s] out of bound[%s]. name=%s", s.columnIndex(), width, s.name()));
            }
        }
    }

    /** The steps with fresh per-task instances. */
    public Task forTask() {
        List<String> names = new ArrayList<>();
        List<Transformer> transformers = new ArrayList<>();
        for (Step s : steps) {
            names.add(s.name());
            transformers.add(s.instances().get());
        }
        return new Task(this, names, transformers);
    }

    /** One task's chain: not thread-safe, used by the task's reader thread only. */
    public static final class Task {
        private final TransformerChain chain;
        private final List<String> names;
        private final List<Transformer> transformers;
        private boolean indexesChecked;

        private Task(TransformerChain chain, List<String> names, List<Transformer> transformers) {
            this.chain = chain;
            this.names = names;
            this.transformers = transformers;
        }

        /**
         * Runs every step. Returns the record, or null when a step dropped it; a step that throws
         * ends the chain with a {@link StepFailure}. The first record's width is checked against the
         * column indexes (DataX: an error for the task, not a dirty record).
         */
        public Record apply(Record record) {
            if (!indexesChecked) {
                chain.checkColumnIndexes(record.getColumnNumber());
                indexesChecked = true;
            }
            Record current = record;
            for (int i = 0; i < transformers.size(); i++) {
                try {
                    current = transformers.get(i).evaluate(current);
                } catch (RuntimeException e) {
                    throw new StepFailure(names.get(i), e);
                }
                if (current == null) {
                    return null;
                }
            }
            return current;
        }
    }

    /** A transformer failed on a record: the record becomes a dirty record with DataX's message. */
    public static final class StepFailure extends RuntimeException {
        StepFailure(String name, RuntimeException cause) {
            super(String.format("transformer(%s) has Exception(%s)", name, cause.getMessage()), cause);
        }
    }
}

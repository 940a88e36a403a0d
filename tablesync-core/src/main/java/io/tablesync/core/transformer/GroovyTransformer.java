package io.tablesync.core.transformer;

import groovy.lang.GroovyClassLoader;
import groovy.lang.GroovyCodeSource;
import io.tablesync.core.TablesyncException;
import io.tablesync.core.element.Column;
import io.tablesync.core.element.ColumnState;
import io.tablesync.core.element.Operation;
import io.tablesync.core.element.Record;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.codehaus.groovy.control.CompilationFailedException;
import org.codehaus.groovy.control.MultipleCompilationErrorsException;
import org.codehaus.groovy.control.messages.Message;
import org.codehaus.groovy.control.messages.SyntaxErrorMessage;
import org.codehaus.groovy.syntax.SyntaxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code dx_groovy}: {@code parameter.code} is the body of a method {@code evaluate(Record record)}
 * that returns the record or null (dropped). As in DataX, the column classes ({@code StringColumn},
 * {@code LongColumn}, …), {@code java.util.*} and the static helpers {@code md5(String)} and
 * {@code sha1(String)} are imported, and {@code parameter.extraPackage} lines (e.g.
 * {@code "import java.text.SimpleDateFormat;"}) go before the class. DataX's package name
 * {@code com.alibaba.datax.common.element} in a script is read as ours, so scripts that import the
 * column classes explicitly run unchanged.
 *
 * <p>The script is compiled once when the job starts (a compile error is a configuration error
 * naming the line of {@code parameter.code}); each task gets its own instance.
 *
 * <p>Records with an operation: the script sees every column; an ABSENT or DELETED column holds a
 * null value and {@code record.getColumnState(i)} tells which. A value the script puts into a
 * column the change does not carry is not written (the column stays ABSENT/DELETED, so a partial
 * update never overwrites a field it did not touch); this is logged once per task.
 */
final class GroovyTransformer implements Transformer {
    static final String NAME = "dx_groovy";
    private static final Logger LOG = LoggerFactory.getLogger(GroovyTransformer.class);
    private static final String[] PREAMBLE = {
        "import static io.tablesync.core.transformer.GroovyFunctions.*;",
        "import io.tablesync.core.element.*;",
        "import java.util.*;",
        "class TablesyncGroovyRule extends io.tablesync.core.transformer.GroovyRule {",
        "public Record evaluate(Record record, Object... paras) {",
    };

    private final GroovyRule rule;
    private final String where;
    private boolean warnedAboutAbsentWrite;

    private GroovyTransformer(GroovyRule rule, String where) {
        this.rule = rule;
        this.where = where;
    }

    /** Compiles the script now; the supplier makes one instance per task. */
    static Supplier<Transformer> compile(TransformerSpec s) {
        if (s.code() == null || s.code().isBlank()) {
            throw TablesyncException.userError(TransformerErrorCode.ILLEGAL_PARAMETER,
                    "groovy code must be set by UDF:name=dx_groovy (" + s.where() + ".parameter.code is missing or empty)");
        }
        StringBuilder source = new StringBuilder();
        for (String line : s.extraPackage()) {
            source.append(dataxNamesToOurs(line)).append('\n');
        }
        int codeFirstLine = s.extraPackage().size() + PREAMBLE.length + 1;
        for (String line : PREAMBLE) {
            source.append(line).append('\n');
        }
        source.append(dataxNamesToOurs(s.code())).append("\n}}\n");
        Class<?> cls;
        try (GroovyClassLoader loader = new GroovyClassLoader(GroovyTransformer.class.getClassLoader())) {
            cls = loader.parseClass(new GroovyCodeSource(source.toString(), "dx_groovy", "/groovy/shell"));
        } catch (CompilationFailedException e) {
            throw TablesyncException.userError(TransformerErrorCode.GROOVY_INIT_EXCEPTION,
                    s.where() + ".parameter.code does not compile: " + describe(e, codeFirstLine, s.extraPackage().size()));
        } catch (java.io.IOException e) {
            throw TablesyncException.internal(TransformerErrorCode.GROOVY_INIT_EXCEPTION, "closing the Groovy class loader", e);
        }
        Supplier<Transformer> factory = () -> {
            try {
                return new GroovyTransformer((GroovyRule) cls.getDeclaredConstructor().newInstance(), s.where());
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw TablesyncException.userError(TransformerErrorCode.GROOVY_INIT_EXCEPTION,
                        s.where() + ": the dx_groovy script cannot be instantiated: " + e, e);
            }
        };
        factory.get(); // fail at job start, not in a task
        return factory;
    }

    static String dataxNamesToOurs(String text) {
        return text.replace("com.alibaba.datax.common.element.", "io.tablesync.core.element.")
                .replace("com.alibaba.datax.core.transport.transformer.GroovyTransformerStaticUtil",
                        "io.tablesync.core.transformer.GroovyFunctions");
    }

    private static String describe(CompilationFailedException e, int codeFirstLine, int extraLines) {
        if (!(e instanceof MultipleCompilationErrorsException m)) {
            return e.getMessage();
        }
        List<String> out = new ArrayList<>();
        for (Message msg : m.getErrorCollector().getErrors()) {
            if (msg instanceof SyntaxErrorMessage sem) {
                SyntaxException se = sem.getCause();
                int line = se.getLine();
                String at = line >= codeFirstLine ? "line " + (line - codeFirstLine + 1) + ", column " + se.getStartColumn()
                        : line <= extraLines ? "parameter.extraPackage[" + (line - 1) + "]" : "line " + line;
                out.add(at + ": " + se.getOriginalMessage());
            } else {
                out.add(String.valueOf(msg));
            }
        }
        return String.join("; ", out);
    }

    @Override
    public Record evaluate(Record record) {
        List<Column> notCarried = null;
        if (record.getOperation() != Operation.UPSERT) {
            notCarried = new ArrayList<>();
            for (int i = 0; i < record.getColumnNumber(); i++) {
                notCarried.add(record.getColumnState(i) == ColumnState.PRESENT ? null : record.getColumn(i));
            }
        }
        Record out = rule.evaluate(record);
        if (notCarried != null && out == record && !warnedAboutAbsentWrite) {
            for (int i = 0; i < notCarried.size() && i < out.getColumnNumber(); i++) {
                if (notCarried.get(i) != null && out.getColumn(i) != notCarried.get(i)) {
                    warnedAboutAbsentWrite = true;
                    LOG.warn("{}: the dx_groovy script set column {} of an {} record that does not carry that column ({}); "
                            + "the value is not written, so a partial change never overwrites a field it did not touch "
                            + "(logged once per task)", where, i, out.getOperation(), out.getColumnState(i));
                    break;
                }
            }
        }
        return out;
    }
}

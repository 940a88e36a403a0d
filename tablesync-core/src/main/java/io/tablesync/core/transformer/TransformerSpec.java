package io.tablesync.core.transformer;

import java.util.List;

/**
 * One entry of {@code job.content[0].transformer}, read but not yet checked by its transformer.
 *
 * @param where        the entry's path for messages, e.g. {@code job.content[0].transformer[2]}
 * @param name         e.g. {@code dx_substr}
 * @param columnIndex  {@code parameter.columnIndex}, or null
 * @param paras        {@code parameter.paras} as text (numbers are accepted, as DataX does), never null
 * @param code         {@code parameter.code} (dx_groovy), or null
 * @param extraPackage {@code parameter.extraPackage} (dx_groovy), never null
 */
public record TransformerSpec(String where, String name, Integer columnIndex, List<String> paras, String code,
        List<String> extraPackage) {

    /** DataX's parameter list as its messages print it: the column index first, then the paras. */
    public String dataxParas() {
        StringBuilder sb = new StringBuilder("[");
        boolean first = true;
        if (columnIndex != null) {
            sb.append(columnIndex);
            first = false;
        }
        for (String p : paras) {
            if (!first) {
                sb.append(", ");
            }
            sb.append(p);
            first = false;
        }
        return sb.append(']').toString();
    }

    /** Number of values DataX hands the transformer: the column index plus the paras. */
    public int dataxParaCount() {
        return (columnIndex != null ? 1 : 0) + paras.size();
    }
}

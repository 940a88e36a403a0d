package io.tablesync.core.transformer;

import io.tablesync.core.TablesyncException;

/**
 * Checks a built-in's parameters at job start with DataX's messages ({@code paras:[…] => …}),
 * plus where the entry is. DataX checks them on every record and makes each record dirty; a
 * mistake in the job is a configuration error here, found before anything is touched.
 */
final class Paras {
    private Paras() {
    }

    static TablesyncException illegal(TransformerSpec s, String message) {
        return TablesyncException.userError(TransformerErrorCode.ILLEGAL_PARAMETER,
                s.where() + " (" + s.name() + "): paras:" + s.dataxParas() + " => " + message);
    }

    /** DataX counts the column index as the first para: "dx_substr paras must be 3" = index + 2 paras. */
    static void count(TransformerSpec s, int expected, String dataxMessage, String hint) {
        if (s.dataxParaCount() != expected) {
            throw illegal(s, dataxMessage + " (" + s.where() + ".parameter.paras must hold " + hint + ")");
        }
    }

    /** The i-th para as an int, with Integer.valueOf's message as in DataX. */
    static int integer(TransformerSpec s, int i) {
        try {
            return Integer.valueOf(s.paras().get(i));
        } catch (NumberFormatException e) {
            throw illegal(s, e.getMessage());
        }
    }

    static int nonNegative(TransformerSpec s, int i, String what) {
        int v = integer(s, i);
        if (v < 0) {
            throw illegal(s, s.name() + " " + what + " must not be negative, but is " + v);
        }
        return v;
    }
}

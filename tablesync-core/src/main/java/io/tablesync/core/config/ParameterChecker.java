package io.tablesync.core.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Warns about keys a plugin does not know. A misspelt key ({@code batchsize}) silently falls back
 * to a default in DataX; we name it and suggest the closest known key.
 */
public final class ParameterChecker {
    private ParameterChecker() {
    }

    public static List<String> unknownKeyWarnings(Configuration parameter, Set<String> knownKeys) {
        List<String> warnings = new ArrayList<>();
        if (parameter == null || knownKeys == null || knownKeys.isEmpty()) {
            return warnings;
        }
        for (String key : parameter.keys()) {
            if (knownKeys.contains(key)) {
                continue;
            }
            String closest = closest(key, knownKeys);
            warnings.add("unknown key " + parameter.describe(key) + " is ignored"
                    + (closest == null ? "" : "; did you mean \"" + closest + "\"?"));
        }
        return warnings;
    }

    public static String closest(String key, Set<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String k = key.toLowerCase(Locale.ROOT);
        for (String c : candidates) {
            int d = distance(k, c.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        int tolerance = Math.max(2, key.length() / 3);
        return bestDistance <= tolerance ? best : null;
    }

    /** Levenshtein distance. */
    public static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}

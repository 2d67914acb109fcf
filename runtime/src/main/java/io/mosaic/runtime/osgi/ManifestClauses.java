package io.mosaic.runtime.osgi;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits an OSGi manifest header into its clauses: at the commas outside quoted strings (attribute values such as
 * {@code uses:="a,b"} hold commas of their own).
 */
final class ManifestClauses {

    private ManifestClauses() {
    }

    static List<String> split(String header) {
        List<String> clauses = new ArrayList<>();
        StringBuilder clause = new StringBuilder();
        boolean quoted = false;
        for (char c : header.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                clauses.add(clause.toString().trim());
                clause.setLength(0);
            } else {
                clause.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("unbalanced quotes in manifest header: " + header);
        }
        if (!clause.isEmpty()) {
            clauses.add(clause.toString().trim());
        }
        return clauses;
    }

    /** The package (or namespace) a clause is about: the text before its first {@code ;}. */
    static String name(String clause) {
        int semicolon = clause.indexOf(';');
        return (semicolon < 0 ? clause : clause.substring(0, semicolon)).trim();
    }
}

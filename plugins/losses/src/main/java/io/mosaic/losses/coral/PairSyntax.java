package io.mosaic.losses.coral;

import io.mosaic.api.data.Modality;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the seed's Table II syntax: pairs separated by '/', each two different letters of T (text), A (audio) and
 * V (vision) joined by '-' (align) or '+' (private), e.g. {@code "V-A"}, {@code "T-V/V+A"}, {@code "T-A/T-V/A-V"}.
 * No two pairs may join the same two modalities. A message about a malformed string quotes at most one of its
 * characters (escaped when it is not printable ASCII), never the string.
 */
final class PairSyntax {
    static final String EXPECTED = "expected pairs such as \"T-V/V+A\": two different letters of T (text), A (audio), "
            + "V (vision) joined by - (align) or + (private), pairs separated by /";

    private PairSyntax() {
    }

    /** @throws IllegalArgumentException saying where {@code text} departs from the syntax and what was expected */
    static List<CoralPair> parse(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("is empty; " + EXPECTED);
        }
        List<CoralPair> pairs = new ArrayList<>();
        int at = 0;
        while (true) {
            CoralPair pair = pair(text, at);
            for (CoralPair earlier : pairs) {
                if (earlier.sameModalities(pair)) {
                    throw new IllegalArgumentException("pair " + (pairs.size() + 1) + " '" + pair + "' joins the "
                            + "modalities of pair '" + earlier + "' again; " + EXPECTED);
                }
            }
            pairs.add(pair);
            at += 3;
            if (at == text.length()) {
                return List.copyOf(pairs);
            }
            if (text.charAt(at) != '/') {
                throw new IllegalArgumentException(problem(text, at, "'/' between pairs or the end"));
            }
            at++;
        }
    }

    /** The pair of three characters starting at {@code at}. */
    private static CoralPair pair(String text, int at) {
        Modality first = modality(text, at);
        CoralPair.Kind kind = at + 1 < text.length() ? CoralPair.Kind.of(text.charAt(at + 1)) : null;
        if (kind == null) {
            throw new IllegalArgumentException(problem(text, at + 1, "'-' (align) or '+' (private)"));
        }
        Modality second = modality(text, at + 2);
        if (first == second) {
            throw new IllegalArgumentException("pair '" + CoralPair.letter(first) + kind.symbol
                    + CoralPair.letter(second) + "' joins " + first.id() + " with itself; " + EXPECTED);
        }
        return new CoralPair(first, second, kind);
    }

    private static Modality modality(String text, int at) {
        Modality modality = at < text.length() ? CoralPair.LETTERS.get(text.charAt(at)) : null;
        if (modality == null) {
            throw new IllegalArgumentException(problem(text, at, "T, A or V"));
        }
        return modality;
    }

    /** "character 4: expected X, found 'c'" (or "the string ends"), then the syntax. */
    private static String problem(String text, int at, String wanted) {
        String found = at < text.length() ? "found " + quote(text.charAt(at)) : "the string ends";
        return "character " + (at + 1) + ": expected " + wanted + ", " + found + "; " + EXPECTED;
    }

    private static String quote(char c) {
        return c >= 0x20 && c < 0x7f ? "'" + c + "'" : String.format(Locale.ROOT, "'\\u%04x'", (int) c);
    }
}

package io.mosaic.losses.coral;

import io.mosaic.api.data.Modality;
import java.util.Map;

/**
 * One term of the seed's Table II syntax: "A-B" aligns the covariances of modalities A and B (shared information),
 * "A+B" pushes them apart (private information).
 */
record CoralPair(Modality first, Modality second, Kind kind) {
    /** The letters of Table II. */
    static final Map<Character, Modality> LETTERS = Map.of('T', Modality.TEXT, 'A', Modality.AUDIO,
            'V', Modality.VISION);

    /** What a pair asks for, written between its two letters. */
    enum Kind {
        /** "A-B": +CORAL(A, B), minimised. */
        ALIGN('-'),
        /** "A+B": a bounded repulsion of CORAL(A, B) (see {@link Repulsion}). */
        PRIVATE('+');

        final char symbol;

        Kind(char symbol) {
            this.symbol = symbol;
        }

        static Kind of(char symbol) {
            for (Kind kind : values()) {
                if (kind.symbol == symbol) {
                    return kind;
                }
            }
            return null;
        }
    }

    /** Whether this pair joins the same two modalities as {@code other}, in either order. */
    boolean sameModalities(CoralPair other) {
        return (first == other.first && second == other.second) || (first == other.second && second == other.first);
    }

    @Override
    public String toString() {
        return letter(first) + "" + kind.symbol + letter(second);
    }

    static char letter(Modality modality) {
        return Character.toUpperCase(modality.id().charAt(0));
    }
}

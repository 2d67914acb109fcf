package io.mosaic.runtime.tune;

import io.mosaic.runtime.assembly.yaml.Origin;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * One key of a {@link SearchSpace} and the values a trial may give it. Numeric dimensions are searched in an internal
 * space, an interval where a uniform draw is the distribution's draw: the logarithm for {@link LogUniform}, the
 * integers widened by half a step on each side for {@link IntUniform}.
 */
public sealed interface Dimension {

    /** The assembly key, as {@code --set} takes it: {@code train.optimizer.lr}. */
    String key();

    /** Where the space file gives it. */
    Origin origin();

    /** A value drawn from the distribution. */
    Object sample(SplittableRandom random);

    /** The values the space is checked with before the first trial: the ends of a range, every choice. */
    List<Object> probes();

    /** {@code value} as {@code --set} reads it (YAML): numbers exactly, strings quoted. */
    static String yaml(Object value) {
        if (value instanceof String text) {
            return "'" + text.replace("'", "''") + "'";
        }
        return String.valueOf(value);
    }

    /** {@code value} for tables: numbers with at most 6 significant digits. */
    static String shown(Object value) {
        return value instanceof Double d ? String.format(Locale.ROOT, "%.6g", d).replaceFirst("\\.?0+($|e)", "$1")
                : String.valueOf(value);
    }

    /** A dimension searched on an interval of its internal space. */
    sealed interface Numeric extends Dimension {
        double internalLow();

        double internalHigh();

        /** The value at internal point {@code x} of {@code [internalLow, internalHigh]}. */
        Object value(double x);

        /** The internal point of {@code value}, a value of this dimension. */
        double internal(Object value);

        @Override
        default Object sample(SplittableRandom random) {
            return value(internalLow() + random.nextDouble() * (internalHigh() - internalLow()));
        }

        @Override
        default List<Object> probes() {
            return List.of(value(internalLow()), value(internalHigh()));
        }
    }

    /** {@code low * (high / low)^u} for uniform {@code u}: as likely in [1e-4, 1e-3] as in [1e-3, 1e-2]. */
    record LogUniform(String key, double low, double high, Origin origin) implements Numeric {
        @Override
        public double internalLow() {
            return Math.log(low);
        }

        @Override
        public double internalHigh() {
            return Math.log(high);
        }

        @Override
        public Object value(double x) {
            return Math.min(high, Math.max(low, Math.exp(x)));
        }

        @Override
        public double internal(Object value) {
            return Math.log(((Number) value).doubleValue());
        }
    }

    /** Uniform on {@code [low, high]}. */
    record Uniform(String key, double low, double high, Origin origin) implements Numeric {
        @Override
        public double internalLow() {
            return low;
        }

        @Override
        public double internalHigh() {
            return high;
        }

        @Override
        public Object value(double x) {
            return Math.min(high, Math.max(low, x));
        }

        @Override
        public double internal(Object value) {
            return ((Number) value).doubleValue();
        }
    }

    /** Each integer of {@code [low, high]} equally likely. */
    record IntUniform(String key, long low, long high, Origin origin) implements Numeric {
        @Override
        public double internalLow() {
            return low - 0.5;
        }

        @Override
        public double internalHigh() {
            return high + 0.5;
        }

        @Override
        public Object value(double x) {
            return Math.min(high, Math.max(low, Math.round(x)));
        }

        @Override
        public double internal(Object value) {
            return ((Number) value).doubleValue();
        }
    }

    /** One of {@code values}, each equally likely. */
    record Choice(String key, List<Object> values, Origin origin) implements Dimension {
        public Choice {
            values = List.copyOf(values);
        }

        @Override
        public Object sample(SplittableRandom random) {
            return values.get(random.nextInt(values.size()));
        }

        @Override
        public List<Object> probes() {
            return values;
        }
    }
}

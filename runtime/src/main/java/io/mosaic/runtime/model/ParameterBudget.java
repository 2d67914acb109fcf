package io.mosaic.runtime.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Locale;

/**
 * How much memory a model's parameters may take, checked as a component creates each array and before it is
 * allocated. Every factory gets its build manager through {@link #guard}: any call that creates an array of a given
 * shape is counted first, with overflow-safe arithmetic, against the budget, so that {@code hidden: 1000000000}
 * (384 GB for one GRU weight) or a million stacked layers fail at once, naming the component, instead of after an
 * allocation that cannot succeed.
 *
 * <p>The default budget is a quarter of the machine's physical memory: training keeps, beside each parameter, its
 * gradient and Adam's two moments. The JVM's heap limit says nothing here (tensors live in native memory). The
 * system property {@value #PROPERTY} sets another budget, in bytes with an optional k, m, g or t suffix.
 */
final class ParameterBudget {
    static final String PROPERTY = "mosaic.parameter.budget";
    /** Weights, gradients and Adam's two moments. */
    private static final int COPIES_WHILE_TRAINING = 4;

    private final long limit;
    private final String limitReason;
    private long used;
    private boolean counting = true;

    ParameterBudget(long limit, String limitReason) {
        this.limit = limit;
        this.limitReason = limitReason;
    }

    /** The budget {@value #PROPERTY} sets, else a quarter of this machine's physical memory. */
    static ParameterBudget ofThisMachine() {
        String set = System.getProperty(PROPERTY);
        if (set != null && !set.isBlank()) {
            long bytes = parseBytes(set.trim());
            return new ParameterBudget(bytes, PROPERTY + " allows " + format(bytes));
        }
        long physical = ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
        return new ParameterBudget(physical / COPIES_WHILE_TRAINING, "this machine has " + format(physical)
                + " and training needs " + COPIES_WHILE_TRAINING + " times the parameters' size (weights, gradients, "
                + "Adam's two moments): " + format(physical / COPIES_WHILE_TRAINING) + " of parameters fit");
    }

    /** {@code manager}, with every array it is asked to create counted against this budget first. */
    NDManager guard(NDManager manager) {
        return (NDManager) Proxy.newProxyInstance(NDManager.class.getClassLoader(), new Class<?>[] {NDManager.class},
                (proxy, method, args) -> {
                    if (counting && args != null && NDArray.class.isAssignableFrom(method.getReturnType())) {
                        reserve(bytesOf(args));
                    }
                    Object result;
                    try {
                        result = method.invoke(manager, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    return result instanceof NDManager sub && result != manager ? guard(sub) : result;
                });
    }

    /**
     * Stops counting: the model is built, and arrays a module may still create through the manager it kept (working
     * arrays of a forward pass) are not parameters.
     */
    void stopCounting() {
        counting = false;
    }

    /** The bytes counted so far. */
    long used() {
        return used;
    }

    /**
     * Counts {@code bytes} more.
     *
     * @throws Exceeded when the total would pass the budget (nothing is counted then)
     */
    void reserve(long bytes) {
        long total;
        try {
            total = Math.addExact(used, bytes);
        } catch (ArithmeticException e) {
            total = Long.MAX_VALUE;
        }
        if (total > limit) {
            throw new Exceeded(total);
        }
        used = total;
    }

    /**
     * The message for a component that had asked for {@code ownBytes} (its last array among them) when the model's
     * total, {@code total}, passed the budget.
     */
    String refusal(long ownBytes, long total) {
        String own = format(ownBytes);
        String model = format(total);
        return "its parameters would need at least " + own + (own.equals(model) ? "" : " (the model's so far: "
                + model + ")") + "; " + limitReason;
    }

    /**
     * The bytes an array-creating call of {@link NDManager} with {@code args} allocates: the product of its
     * {@link Shape}'s dimensions by its {@link DataType}'s width (float32 when it names none); {@link Long#MAX_VALUE}
     * when that overflows; 0 when it names no shape (the array then copies data that exists already).
     */
    static long bytesOf(Object[] args) {
        Shape shape = null;
        DataType type = DataType.FLOAT32;
        for (Object arg : args) {
            if (arg instanceof Shape s) {
                shape = s;
            } else if (arg instanceof DataType t) {
                type = t;
            }
        }
        if (shape == null) {
            return 0;
        }
        try {
            long bytes = Math.max(1, type.getNumOfBytes());
            for (long dim : shape.getShape()) {
                bytes = Math.multiplyExact(bytes, Math.max(0, dim));
            }
            return bytes;
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    /** {@code 384 GB}, {@code 1.5 MB}: decimal units, as disk and memory makers count. */
    static String format(long bytes) {
        if (bytes == Long.MAX_VALUE) {
            return "more than 9 EB (beyond 64-bit arithmetic)";
        }
        String[] units = {"bytes", "kB", "MB", "GB", "TB", "PB", "EB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1000 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        return unit == 0 ? bytes + " bytes" : String.format(Locale.ROOT, value < 10 ? "%.1f %s" : "%.0f %s", value,
                units[unit]);
    }

    static long parseBytes(String text) {
        String digits = text.toLowerCase(Locale.ROOT);
        long factor = 1;
        int suffix = "kmgt".indexOf(digits.charAt(digits.length() - 1));
        if (suffix >= 0) {
            factor = (long) Math.pow(1024, suffix + 1);
            digits = digits.substring(0, digits.length() - 1);
        }
        try {
            long bytes = Math.multiplyExact(Long.parseLong(digits.trim()), factor);
            if (bytes > 0) {
                return bytes;
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // reported below
        }
        throw new IllegalArgumentException(PROPERTY + " must be a positive number of bytes, optionally with k, m, g "
                + "or t, found '" + text + "'");
    }

    /** A component asked for more than the budget left; the builder names the component. */
    static final class Exceeded extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final long total;

        Exceeded(long total) {
            super("the parameters would need " + format(total), null, false, false);
            this.total = total;
        }

        long total() {
            return total;
        }
    }
}

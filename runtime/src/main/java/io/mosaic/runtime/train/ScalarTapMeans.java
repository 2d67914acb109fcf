package io.mosaic.runtime.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import io.mosaic.api.model.Taps;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per 0-dim tap of the training passes (a mask's keep ratio, say), the mean of its values over the batches of an
 * epoch that recorded it: what {@code epochs.csv} logs as {@value EpochLog#TAP_COLUMN}{@code <name>}. A batch's
 * scalars are read in one transfer from the engine.
 */
final class ScalarTapMeans {
    /** Per tap, in the order first recorded: the sum of its values and the number of batches that recorded it. */
    private final Map<String, double[]> sums = new LinkedHashMap<>();

    /** Adds the value of every 0-dim tap in {@code taps}. Call it outside gradient recording. */
    void add(Taps taps) {
        List<String> names = new ArrayList<>();
        NDList values = new NDList();
        for (String name : taps.names()) {
            NDArray value = taps.get(name);
            if (value.getShape().dimension() == 0) {
                names.add(name);
                values.add(value.toType(DataType.FLOAT64, false));
            }
        }
        if (names.isEmpty()) {
            return;
        }
        double[] read = NDArrays.stack(values).toDoubleArray();
        for (int i = 0; i < read.length; i++) {
            double[] sum = sums.computeIfAbsent(names.get(i), name -> new double[2]);
            sum[0] += read[i];
            sum[1]++;
        }
    }

    /** Per tap recorded since the last {@link #clear}, the mean of its values over the batches that recorded it. */
    Map<String, Double> means() {
        Map<String, Double> means = new LinkedHashMap<>();
        sums.forEach((name, sum) -> means.put(name, sum[0] / sum[1]));
        return means;
    }

    void clear() {
        sums.clear();
    }
}

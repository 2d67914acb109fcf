package io.mosaic.runtime.history;

import io.mosaic.runtime.metrics.MeanStd;
import java.time.LocalDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One row of {@code mosaic runs}: a run folder, or a seed group (its seeds' runs together).
 *
 * @param name      the folder, relative to the runs folder ({@code compare-20250101-120000/baseline} for a seed group
 *                  of a comparison)
 * @param group     whether it is a seed group
 * @param assembly  the assembly's name, or {@code null} when unreadable
 * @param state     {@code completed}, {@code failed}, {@code interrupted}, {@code cancelled} (a serve job its user
 *                  cancelled), {@code running} (as the runtime judges it: a run whose process is gone is
 *                  interrupted), or {@link #UNREADABLE}
 * @param started   when it started; for an unreadable folder, when the folder last changed
 * @param selection the selection metric, or {@code null} before results
 * @param valid     per metric, the selected checkpoints' values on the validation split, over the seeds (one for a
 *                  run); empty before results
 * @param test      the same on the test split
 * @param seconds   how long it trained (the sum over a group's seeds), or {@code null} when unknown
 * @param problem   for an unreadable folder, the file and what is wrong with it; else {@code null}
 */
public record PastRun(String name, boolean group, String assembly, String state, LocalDateTime started,
                      String selection, Map<String, List<Double>> valid, Map<String, List<Double>> test,
                      Double seconds, String problem) {
    public static final String UNREADABLE = "unreadable";

    public PastRun {
        valid = Collections.unmodifiableMap(new LinkedHashMap<>(valid));
        test = Collections.unmodifiableMap(new LinkedHashMap<>(test));
    }

    static PastRun unreadable(String name, boolean group, LocalDateTime changed, String problem) {
        return new PastRun(name, group, null, UNREADABLE, changed, null, Map.of(), Map.of(), null, problem);
    }

    /** The selection metric on {@code split} over the seeds, or {@code null} before results. */
    public MeanStd selected(Map<String, List<Double>> split) {
        List<Double> values = selection == null ? null : split.get(selection);
        return values == null || values.isEmpty() ? null : MeanStd.of(values);
    }
}

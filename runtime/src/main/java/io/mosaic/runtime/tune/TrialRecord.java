package io.mosaic.runtime.tune;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One trial of a search, as {@code trials.json} and {@code trials.csv} hold it.
 *
 * @param folder       the trial's run folder, relative to the search's
 * @param values       the value of each key of the space
 * @param state        {@code completed} or {@code failed}
 * @param valid        the selected checkpoint's selection metric on the validation split; {@code null} when failed
 * @param epochs       the epochs the trial trained
 * @param stoppedEarly whether the median stopping rule ended it before its epochs
 * @param error        why it failed; {@code null} when it completed
 */
public record TrialRecord(int trial, String folder, Map<String, Object> values, String state, Double valid,
                          int epochs, boolean stoppedEarly, String error) {
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";

    public TrialRecord {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public boolean completed() {
        return COMPLETED.equals(state);
    }
}

package io.mosaic.runtime.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.mosaic.runtime.train.BenchPhases;
import io.mosaic.runtime.train.BenchResult;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code mosaic bench --json FILE}: the figures {@code bench} prints, for scripts ({@code bench/side_by_side.py}).
 * Times in seconds, memory in MiB; {@code step_seconds} holds every timed step in order, and
 * {@code evaluation_runs_seconds} every evaluation ({@code --eval-reps}) in order, {@code evaluation_seconds} being
 * their median; {@code profiled} says whether they were taken under libtorch's profiler ({@code --profile}).
 */
final class BenchJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * What was benchmarked: the assembly's name, its data source and task, the device, the engine's intra-op threads,
     * the untimed steps, whether the timed steps and the evaluations ran under libtorch's profiler.
     */
    record Run(String assembly, String data, String task, String device, int threads, int warmup, boolean profiled) {
    }

    private BenchJson() {
    }

    static String of(Run run, BenchResult result) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("assembly", run.assembly());
        fields.put("data", run.data());
        fields.put("task", run.task());
        fields.put("device", run.device());
        fields.put("threads", run.threads());
        fields.put("batch", result.batch());
        fields.put("parameters", result.parameters());
        fields.put("warmup", run.warmup());
        fields.put("profiled", run.profiled());
        fields.put("step_seconds", result.stepSeconds());
        fields.put("step_median_seconds", result.medianStepSeconds());
        fields.put("step_mean_seconds", result.meanStepSeconds());
        fields.put("train_samples_per_second", result.trainingSamplesPerSecond());
        fields.put("evaluation_samples", result.evaluationSamples());
        fields.put("evaluation_seconds", result.medianEvaluationSeconds());
        fields.put("evaluation_first_seconds", result.firstEvaluationSeconds());
        fields.put("evaluation_reps", result.evaluationSeconds().length);
        fields.put("evaluation_runs_seconds", result.evaluationSeconds());
        fields.put("evaluation_samples_per_second", result.evaluationSamplesPerSecond());
        fields.put("peak_resident_mib", result.peakResidentMegabytes());
        return write(fields);
    }

    /**
     * {@code DIR/wall.json} of {@code mosaic bench --profile DIR}, as the reference scripts' {@code --profile} writes
     * it: per profiled phase ({@code train}, the timed steps; {@code evaluate}, the evaluations) its {@code runs}, the
     * wall {@code seconds} of each and their {@code total_seconds}.
     */
    static String wall(Run run, BenchResult result) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("side", "mosaic");
        fields.put("assembly", run.assembly());
        fields.put("threads", run.threads());
        fields.put("batch", result.batch());
        fields.put("evaluation_samples", result.evaluationSamples());
        fields.put(BenchPhases.TRAIN, phase(result.stepSeconds()));
        fields.put(BenchPhases.EVALUATE, phase(result.evaluationSeconds()));
        return write(fields);
    }

    private static Map<String, Object> phase(double[] seconds) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("runs", seconds.length);
        fields.put("seconds", seconds);
        fields.put("total_seconds", Arrays.stream(seconds).sum());
        return fields;
    }

    private static String write(Map<String, Object> fields) {
        try {
            return JSON.writeValueAsString(fields) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write the benchmark as JSON", e);
        }
    }
}

package io.mosaic.runtime.host;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import com.google.inject.Inject;
import com.google.inject.Singleton;
import io.mosaic.runtime.assembly.ResolvedAssembly;
import io.mosaic.runtime.assembly.ResolvedAssemblyWriter;
import io.mosaic.runtime.run.ProcessMemory;
import io.mosaic.runtime.run.RunFolder;
import io.mosaic.runtime.run.RunStatus;
import io.mosaic.runtime.run.RunSummary;
import io.mosaic.runtime.train.Trainer;
import io.mosaic.runtime.train.TrainingListener;
import io.mosaic.runtime.train.TrainingResult;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Runs assemblies: creates (or reopens) the run folder, trains, and writes the results. */
@Singleton
public final class RunService {
    private final RuntimeOptions options;

    @Inject
    public RunService(RuntimeOptions options) {
        this.options = options;
    }

    /**
     * Trains {@code assembly} in a new run folder, or in {@code resumeFolder} from its last checkpoint.
     *
     * @return the run's folder, holding {@code metrics.json} when the run completed
     */
    public RunFolder run(ResolvedAssembly assembly, Optional<Path> resumeFolder, TrainingListener listener) {
        boolean resume = resumeFolder.isPresent();
        RunFolder folder = resume ? RunFolder.open(resumeFolder.get())
                : RunFolder.create(options.runs(), assembly.name(), LocalDateTime.now());
        RunStatus status = resume ? folder.status().orElseThrow().resumed() : newStatus(assembly);
        folder.writeText(RunFolder.RESOLVED, ResolvedAssemblyWriter.toYaml(assembly));
        folder.writeStatus(status);
        try (NDManager root = Engines.newManager(assembly.device())) {
            TrainingResult result = new Trainer(listener).train(assembly, folder, root, resume);
            writeResults(folder, assembly, result);
            folder.writeStatus(status.ended(RunStatus.COMPLETED, LocalDateTime.now().toString(), null));
            return folder;
        } catch (RuntimeException e) {
            folder.writeStatus(status.ended(RunStatus.FAILED, LocalDateTime.now().toString(), String.valueOf(
                    e.getMessage())));
            throw e;
        }
    }

    /** The newest unfinished run of {@code assembly} under the runs folder. */
    public Optional<Path> latestUnfinished(String assembly) {
        return RunFolder.latestUnfinished(options.runs(), assembly).map(RunFolder::path);
    }

    private static RunStatus newStatus(ResolvedAssembly assembly) {
        Engine engine = Engines.engine();
        Map<String, String> software = new LinkedHashMap<>();
        software.put("engine", engine.getEngineName() + " " + engine.getVersion());
        software.put("djl", Engine.getDjlVersion());
        software.put("java", System.getProperty("java.version"));
        String mosaic = RunService.class.getPackage().getImplementationVersion();
        software.put("mosaic", mosaic == null ? "development build" : mosaic);
        return new RunStatus(assembly.name(), RunStatus.RUNNING, LocalDateTime.now().toString(), null,
                Engines.device(assembly.device()).toString(), software, assembly.assembly().seed(), null);
    }

    private static void writeResults(RunFolder folder, ResolvedAssembly assembly, TrainingResult result) {
        Map<String, Long> parameters = new LinkedHashMap<>(result.parameters());
        parameters.put("total", result.parameters().values().stream().mapToLong(Long::longValue).sum());
        RunSummary summary = new RunSummary(assembly.name(), assembly.dataset().description(),
                assembly.dataSpec().task().toString(), result.state().epoch(), result.state().bestEpoch(),
                assembly.train().selectionMetric(), parameters, result.valid().metrics().asMap(),
                result.test().metrics().asMap(), result.seconds(), ProcessMemory.peakResidentMegabytes());
        folder.writeJson(RunFolder.METRICS_JSON, summary);
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("split", "metric", "value"));
        summary.valid().forEach((k, v) -> rows.add(List.of("valid", k, String.format(Locale.ROOT, "%.6f", v))));
        summary.test().forEach((k, v) -> rows.add(List.of("test", k, String.format(Locale.ROOT, "%.6f", v))));
        folder.writeCsv(RunFolder.METRICS_CSV, rows);
    }
}

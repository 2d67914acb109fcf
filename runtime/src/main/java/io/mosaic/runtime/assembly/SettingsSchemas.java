package io.mosaic.runtime.assembly;

import io.mosaic.api.component.ParameterSchema;
import java.util.List;

/** The typed settings of an assembly's own blocks, checked like component parameters. */
final class SettingsSchemas {

    static final ParameterSchema TRAIN = ParameterSchema.builder()
            .integer("epochs", 20, 1, 100_000, "Epochs of the single stage when no stages are listed.")
            .integer("batch", 32, 1, 65_536, "Training batch size.")
            .integer("eval-batch", 256, 1, 65_536, "The most samples evaluated at once (the batches of eval-workers "
                    + "together).")
            .integer("eval-memory", 1024, 0, 1_048_576, "MiB of arrays the evaluation batches running at once may "
                    + "hold: evaluation batches are made smaller than eval-batch where needed, sized by two probe "
                    + "batches of 4 and 8 samples (array sizes at their peak, not the machine's memory, so the same on "
                    + "every machine); 0 lets eval-batch alone decide.")
            .integer("eval-workers", 1, 1, 64, "Evaluation batches run at once, each on its own thread, sharing "
                    + "backend.threads (at least one intra-op thread each); a split is cut into at least this many "
                    + "batches. For models of small products run at one intra-op thread (a GRU's steps), whose second "
                    + "core is better used by a second batch than by libtorch's threads.")
            .integer("patience", 8, 0, 100_000,
                    "Epochs without improvement on the validation split before a stage stops; 0 never stops.")
            .choice("update", "combined", Update.IDS, "combined: one optimizer step per batch on the sum of "
                    + "every objective; per-view: a step on the clean view's objectives, then a step on the other "
                    + "views' objectives without clearing gradients (CIDer's reference schedule).")
            .build();

    static final ParameterSchema OPTIMIZER = ParameterSchema.builder()
            .choice("use", "adam", List.of("adam"), "The optimizer.")
            .real("lr", 1e-3, 0.0, 10.0, "Learning rate.")
            .real("weight-decay", 0.0, 0.0, 1.0, "L2 penalty added to the gradient (as torch.optim.Adam).")
            .real("beta1", 0.9, 0.0, 0.999999, "Decay of the first-moment estimate.")
            .real("beta2", 0.999, 0.0, 0.999999999, "Decay of the second-moment estimate.")
            .real("eps", 1e-8, 0.0, 1.0, "Added to the denominator for numerical stability.")
            .real("clip-value", 0.0, 0.0, 1e6, "Clamps every gradient element to [-c, c] before each step, as "
                    + "torch.nn.utils.clip_grad_value_; 0 clips nothing.")
            .real("clip-norm", 0.0, 0.0, 1e6, "Scales all gradients by min(1, c / (their global L2 norm + 1e-6)) "
                    + "before each step (after clip-value), as torch.nn.utils.clip_grad_norm_; 0 clips nothing.")
            .integer("accumulate", 1, 1, 1024, "Batches whose gradients are summed into one optimizer step (MMSA's "
                    + "update_epochs); an epoch's last incomplete group takes no step, as in MMSA.")
            .build();

    /** The keys of one entry of {@code train.optimizer.groups}, whose lr and weight decay default to the optimizer's. */
    static ParameterSchema optimizerGroup(double learningRate, double weightDecay) {
        return ParameterSchema.builder()
                .strings("slots", null, "The parts the group trains: slots, and pipeline, debiaser, shared:<name>, "
                        + "objective:<name> for the parameters that are no slot's.")
                .real("lr", learningRate, 0.0, 10.0, "The group's learning rate (the optimizer's by default).")
                .real("weight-decay", weightDecay, 0.0, 1.0,
                        "The group's L2 penalty added to the gradient (the optimizer's by default).")
                .strings("no-decay", List.of(), "The group's parameters that take no weight decay: bias, every bias; "
                        + "layer-norm, the scale and shift of layer normalisation.", NoDecay.IDS.toArray(String[]::new))
                .build();
    }

    static final ParameterSchema SELECT = ParameterSchema.builder()
            .string("metric", "loss", "The metric that selects the checkpoint (or 'loss', the objectives' sum).")
            .choice("on", "valid", List.of("valid"),
                    "The split selection reads. Only the validation split: the test split is read once, for the "
                            + "final report, and never tunes anything.")
            .choice("test", "at-end", List.of("at-end", "deferred"), "at-end: the run evaluates its selected "
                    + "checkpoint on the test split (and domain test splits, sweeps) when it ends; deferred: it "
                    + "neither reads nor evaluates them, and a later step evaluates the selected checkpoint once "
                    + "(mosaic tune does so for its best trial only).")
            .reals("median-curve", List.of(), null, null, "The median stopping rule's thresholds (mosaic tune "
                    + "--early-stop median writes them): at epoch e, the median of the completed trials' best "
                    + "selection metric up to e. The run stops after an epoch e >= median-from whose best so far is "
                    + "worse than the curve's value at e; empty stops nothing.")
            .integer("median-from", 1, 1, 100_000, "The first epoch the median stopping rule may stop after (its "
                    + "grace period is the epochs before it).")
            .build();

    static final ParameterSchema STAGE = ParameterSchema.builder()
            .string("name", null, "The stage's name in logs and checkpoints.")
            .integer("epochs", null, 1, 100_000, "Epochs of this stage.")
            .strings("frozen", List.of(), "Slots whose parameters do not train in this stage.")
            .strings("objectives", List.of(), "Objectives that apply in this stage (all when empty).")
            .build();

    static final ParameterSchema BACKEND = ParameterSchema.builder()
            .choice("engine", "pytorch", List.of("pytorch"), "The DJL engine.")
            .choice("device", "auto", List.of("auto", "cpu", "gpu"),
                    "Where tensors live: auto takes a GPU when the engine reports one.")
            .integer("threads", 0, 0, 1024,
                    "The engine's intra-op threads on the CPU; 0 takes the engine's default, one per core.")
            .build();

    /** An objective entry's own keys. */
    static final ParameterSchema OBJECTIVE_ENTRY = ParameterSchema.builder()
            .real("weight", 1.0, 0.0, 1e6, "The weight of this objective's loss in the step's sum.")
            .string("view", "clean", "The view whose batch and taps the objective reads as its own.")
            .build();

    /** A training view entry's own keys. */
    static final ParameterSchema VIEW_ENTRY = ParameterSchema.builder()
            .real("rate", -1.0, -1.0, null, "A fixed level: a missing rate in [0, 1], or a noise protocol's "
                    + "standard deviation; -1 lets each sample draw its own, as the protocol trains.")
            .build();

    /** A sweep entry's own keys. */
    static final ParameterSchema SWEEP_ENTRY = ParameterSchema.builder()
            .reals("rates", List.of(0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0), 0.0, null,
                    "The levels evaluated: missing rates in [0, 1], or a noise protocol's standard deviations; "
                            + "AUILC and relative robustness are trapezoid areas over them.")
            .build();

    static final ParameterSchema EVALUATE = ParameterSchema.builder()
            .strings("metrics", List.of(), "The metrics of the sweep table and AUILC (all of the task's when empty).")
            .build();

    /** Keys every data source accepts besides its own. */
    static final ParameterSchema DATA_COMMON = ParameterSchema.builder()
            .string("source", null, "The data source.")
            .choice("task", "regression", List.of("regression", "classes-2", "classes-3", "classes-5", "classes-7"),
                    "What the model predicts from the sentiment score.")
            .integer("seed", -1, -1, Integer.MAX_VALUE, "The data's seed; -1 takes the assembly's seed.")
            .choice("metrics", "auto", List.of("auto", "mosi", "sims"),
                    "How regression is scored: MOSI's metrics for scores in [-3, 3], SIMS' for [-1, 1]; auto takes "
                            + "SIMS' for files with per-modality labels. Classification tasks use class metrics.")
            .build();

    private SettingsSchemas() {
    }
}

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.recurrent.GRU;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The engine's floor under `baseline`: libtorch's own GRU, called once per modality through DJL as Mosaic calls it,
 * with nothing of Mosaic around it, at the baseline's mosi-like shapes (text 50 steps 32 → 32, audio 375 steps 16 → 16,
 * vision 500 steps 16 → 16). engine_floor.py runs it beside engine_floor_ref.py, the same in PyTorch.
 *
 *   java -cp "INSTALLATION/lib/*" bench/EngineFloor.java THREADS WORKLOAD REPEATS
 *
 * Prints one line, `djl libtorch VERSION threads T WORKLOAD median M ms`: `train` is the three GRUs' forward and
 * backward (grad mode on) at a training batch of 32, `evaluate` their forward with grad mode off at 32, and
 * `evaluate-valid` at 229 (the validation split in one batch, as `baseline` evaluates it); the `-joint` workloads run
 * audio and vision as one GRU of 32 units over 500 steps, as Mosaic's `gru` joins them (JointGru: block-diagonal
 * weights, the same arithmetic); `evaluate-halves-joint` runs `evaluate-valid-joint`'s GRUs on two Java threads at
 * once, each over half the batch (115 samples), as `baseline`'s two evaluation workers do, and times each repeat by the
 * slower thread (Mosaic only: what two workers pay for sharing glibc's malloc arena, with the launcher's
 * GLIBC_TUNABLES or without); `mm` is 1,000 products [32, 16] x [16, 48] (a GRU time step's size). The median over
 * REPEATS runs after five untimed ones.
 */
public final class EngineFloor {
    private static final int[][] SEPARATE = {{50, 32, 32}, {375, 16, 16}, {500, 16, 16}}; // steps, input, hidden
    private static final int[][] JOINT = {{50, 32, 32}, {500, 32, 32}};
    private static final int TRAINING_BATCH = 32;
    private static final int VALID_BATCH = 229;
    private static final int WARMUP = 5;

    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: EngineFloor THREADS WORKLOAD REPEATS");
            System.exit(2);
        }
        System.setProperty("ai.djl.offline", "true");
        int threads = Integer.parseInt(args[0]);
        String workload = args[1];
        int repeats = Integer.parseInt(args[2]);
        Engine engine = Engine.getEngine("PyTorch");
        JniUtils.setNumThreads(threads);
        engine.setRandomSeed(1);
        double[] millis;
        try (NDManager manager = NDManager.newBaseManager()) {
            millis = switch (workload) {
                case "train" -> grus(manager, true, TRAINING_BATCH, SEPARATE, repeats);
                case "evaluate" -> grus(manager, false, TRAINING_BATCH, SEPARATE, repeats);
                case "evaluate-valid" -> grus(manager, false, VALID_BATCH, SEPARATE, repeats);
                case "train-joint" -> grus(manager, true, TRAINING_BATCH, JOINT, repeats);
                case "evaluate-valid-joint" -> grus(manager, false, VALID_BATCH, JOINT, repeats);
                case "evaluate-halves-joint" -> halves(manager, repeats);
                case "mm" -> products(manager, repeats);
                default -> throw new IllegalArgumentException("no workload " + workload);
            };
        }
        Arrays.sort(millis);
        double median = millis.length % 2 == 1 ? millis[millis.length / 2]
                : (millis[millis.length / 2 - 1] + millis[millis.length / 2]) / 2;
        System.out.printf(Locale.ROOT, "djl libtorch %s threads %d %s median %.3f ms%n", engine.getVersion(),
                JniUtils.getNumThreads(), workload, median);
    }

    private static double[] grus(NDManager manager, boolean train, int batch, int[][] shapes, int repeats) {
        List<GRU> grus = new ArrayList<>();
        List<NDArray> inputs = new ArrayList<>();
        for (int[] shape : shapes) {
            GRU gru = GRU.builder().setStateSize(shape[2]).setNumLayers(1).optBatchFirst(true).build();
            gru.setInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
            gru.initialize(manager, DataType.FLOAT32, new Shape(batch, shape[0], shape[1]));
            grus.add(gru);
            inputs.add(manager.randomNormal(new Shape(batch, shape[0], shape[1])));
        }
        JniUtils.setGradMode(train);
        double[] millis = new double[repeats];
        for (int r = -WARMUP; r < repeats; r++) {
            long start = System.nanoTime();
            try (NDManager pass = manager.newSubManager()) {
                ParameterStore store = new ParameterStore(pass, false);
                NDArray total = null;
                try (GradientCollector collector = train ? Engine.getInstance().newGradientCollector() : null) {
                    for (int i = 0; i < grus.size(); i++) {
                        // Lent to the pass, as a Mosaic batch's features are: what the GRU makes from it joins
                        // the pass and is freed after the repeat, not kept until the end of the run.
                        NDArray input = inputs.get(i);
                        input.tempAttach(pass);
                        NDArray sum = grus.get(i).forward(store, new NDList(input), train).singletonOrThrow().sum();
                        total = total == null ? sum : total.add(sum);
                    }
                    if (train) {
                        collector.backward(total);
                    }
                }
            }
            if (r >= 0) {
                millis[r] = (System.nanoTime() - start) / 1e6;
            }
        }
        return millis;
    }

    /** Two threads at once, each {@code evaluate-valid-joint} at half the batch; each repeat's slower time. */
    private static double[] halves(NDManager manager, int repeats) {
        double[][] each = new double[2][];
        Thread[] threads = new Thread[2];
        for (int t = 0; t < 2; t++) {
            int at = t;
            threads[t] = new Thread(() -> each[at] = grus(manager, false, (VALID_BATCH + 1) / 2, JOINT, repeats));
            threads[t].start();
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
        double[] slower = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            slower[r] = Math.max(each[0][r], each[1][r]);
        }
        return slower;
    }

    private static double[] products(NDManager manager, int repeats) {
        JniUtils.setGradMode(false);
        NDArray x = manager.randomNormal(new Shape(TRAINING_BATCH, 16));
        NDArray w = manager.randomNormal(new Shape(16, 48));
        double[] millis = new double[repeats];
        for (int r = -WARMUP; r < repeats; r++) {
            long start = System.nanoTime();
            for (int i = 0; i < 1000; i++) {
                x.matMul(w).close();
            }
            if (r >= 0) {
                millis[r] = (System.nanoTime() - start) / 1e6;
            }
        }
        return millis;
    }
}

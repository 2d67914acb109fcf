package io.mosaic.runtime.host;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import io.mosaic.api.model.Autograd;
import java.util.function.Supplier;

/**
 * Access to the DJL engine from host code, with the class loader DJL needs. Components learn from it whether autograd
 * records ({@link Autograd}): libtorch's switch of the calling thread, installed once when this class is first used.
 */
public final class Engines {

    static {
        Autograd.install(JniUtils::isGradMode);
    }

    /** The intra-op threads libtorch chose at start-up (one per core), which {@code threads: 0} restores. */
    private static int engineThreads;

    private Engines() {
    }

    /**
     * A new root manager on the device {@code device} names, after setting the engine's intra-op threads for the
     * computations that follow: {@code threads}, or the engine's default (one per core) when it is 0. The setting is
     * the process's: runs in one process take it in turn.
     */
    public static NDManager forRun(String device, int threads) {
        useThreads(threads);
        return newManager(device);
    }

    private static synchronized void useThreads(int threads) {
        engine();
        if (engineThreads == 0) {
            engineThreads = JniUtils.getNumThreads();
        }
        int wanted = threads == 0 ? engineThreads : threads;
        // at::set_num_threads also turns MKL's dynamic threading off (mkl_set_dynamic(false)), so that even the small
        // matrix products of a recurrence are split over every thread; a process that never asks for another count
        // keeps libtorch's start-up setting, where MKL chooses its threads by the product's size.
        if (JniUtils.getNumThreads() != wanted) {
            JniUtils.setNumThreads(wanted);
        }
    }

    /**
     * Runs {@code work} with the engine's intra-op threads at {@code threads} (at least 1), then restores the count
     * before (a count set once leaves MKL's dynamic threading off, see below). The setting is the process's, as
     * {@link #forRun}'s; threads started inside {@code work} take it too.
     */
    public static <T> T withThreads(int threads, Supplier<T> work) {
        int before = threads();
        useThreads(Math.max(1, threads));
        try {
            return work.get();
        } finally {
            useThreads(before);
        }
    }

    /** The engine's intra-op threads now. */
    public static int threads() {
        engine();
        return JniUtils.getNumThreads();
    }

    /**
     * The device an assembly's {@code backend.device} names: {@code auto} takes the first GPU when the engine
     * reports one.
     *
     * @throws IllegalArgumentException for {@code gpu} where the engine has none (a CPU build of the natives)
     */
    public static Device device(String choice) {
        Engine engine = engine();
        int gpus = engine.getGpuCount();
        return switch (choice) {
            case "cpu" -> Device.cpu();
            case "gpu" -> {
                if (gpus == 0) {
                    throw new IllegalArgumentException("backend.device is gpu, but " + engine.getEngineName()
                            + " reports no GPU (build with -Pcuda for the CUDA natives)");
                }
                yield Device.gpu(0);
            }
            case "auto" -> gpus > 0 ? Device.gpu(0) : Device.cpu();
            default -> throw new IllegalArgumentException("unknown device '" + choice + "'; expected auto, cpu or gpu");
        };
    }

    /**
     * A new root manager on the device {@code choice} names, with autograd's recording off on the calling thread.
     * libtorch keeps that switch per thread and starts every thread with it on, except the thread that loaded the
     * engine (DJL turns it off there): an evaluation or a prediction on another thread (a serve job's) would record a
     * graph for every forward pass and hold what a backward pass would need. A training step's gradient collector
     * turns recording on for the step and back off when it closes.
     */
    public static NDManager newManager(String choice) {
        Device device = device(choice);
        recordNothing();
        return NDManager.newBaseManager(device);
    }

    /**
     * Prepares a thread the runtime runs passes on: autograd's recording off and {@code threads} intra-op threads for
     * what it computes (libtorch sets a thread's count once, at its first parallel operation, so a thread kept
     * between evaluations is told again).
     */
    public static void forWorker(int threads) {
        recordNothing();
        useThreads(threads);
    }

    /** Turns autograd's recording off on the calling thread (libtorch starts every other thread with it on). */
    public static void recordNothing() {
        JniUtils.setGradMode(false);
    }

    /**
     * The engine, initialised with DJL's own class loader as the context class loader: DJL finds its engine and
     * natives through it, and a bundle's loader would hide them.
     */
    public static Engine engine() {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(Engine.class.getClassLoader());
        try {
            return Engine.getInstance();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}

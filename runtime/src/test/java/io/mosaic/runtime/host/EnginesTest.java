package io.mosaic.runtime.host;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import io.mosaic.api.model.Autograd;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class EnginesTest {

    @Test
    void aManagerMadeOnAnyThreadRecordsNoGraphOutsideATrainingStep() throws InterruptedException {
        Engines.engine();
        List<Boolean> recording = new ArrayList<>();
        List<Boolean> components = new ArrayList<>(); // what Temporaries and other components are told
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                recording.add(JniUtils.isGradMode()); // libtorch's default on a thread that did not load the engine
                try (NDManager manager = Engines.newManager("cpu")) {
                    recording.add(JniUtils.isGradMode());
                    components.add(Autograd.recording());
                    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                        recording.add(JniUtils.isGradMode());
                        components.add(Autograd.recording());
                    }
                    recording.add(JniUtils.isGradMode());
                    components.add(Autograd.recording());
                }
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "not-the-engine-loader");
        thread.start();
        thread.join();

        assertThat(failure.get()).isNull();
        assertThat(recording).containsExactly(true, false, true, false);
        assertThat(components).containsExactly(false, true, false);
    }
}

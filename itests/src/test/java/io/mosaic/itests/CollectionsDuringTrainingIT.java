package io.mosaic.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mosaic.itests.support.Host;
import io.mosaic.itests.support.Installation;
import io.mosaic.runtime.host.RuntimeOptions;
import io.mosaic.runtime.train.TrainingListener;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every shipped pipeline trains to the same losses while the collector runs all the time: whatever a garbage
 * collection frees between a step's forward pass and its backward, the gradients must not read it. An array a
 * component makes from Java data lies over a buffer only that array keeps alive; once a component's temporaries are
 * released, a collection frees it, and a backward that still reads it computes from freed memory (the dense MCA and
 * ULGM did, until they copied such arrays into libtorch's memory). The first training steps of each assembly on
 * {@code tiny} run once quietly and once beside a thread that asks for a collection every few milliseconds; their
 * losses must be equal, bit for bit. With the dense MCA's copy taken out, its run fails here (a non-finite loss). A
 * collection lands where a step spends time, so this catches what a model's components release early in the step;
 * an objective's temporaries are released just before backward, a window the collections seldom hit: objectives
 * that make arrays from Java data test it themselves ({@code UlgmTest}, with {@code DirectMemory}).
 */
class CollectionsDuringTrainingIT {
    private static final int STEPS = 4;
    /** Tiny's 160 training samples in five batches; the domain assemblies' meld-like domains reset, as tiny has 3. */
    private static final List<String> TINY = List.of("data.preset=tiny", "train.epochs=1", "train.patience=0",
            "train.batch=32", "data.train-domains=[]", "data.test-domains=[]");

    @TempDir
    static Path work;

    private static Host host;

    @BeforeAll
    static void boot() {
        RuntimeOptions options = Installation.options(work, Duration.ofSeconds(10));
        host = Host.boot(options);
    }

    @AfterAll
    static void shutDown() {
        host.close();
    }

    static Stream<Arguments> assemblies() {
        return Stream.of(
                Arguments.of("baseline", List.of()),
                Arguments.of("cider", List.of()),
                Arguments.of("cider", List.of("components.fusion.attention=dense")),
                Arguments.of("cider-mask", List.of()),
                Arguments.of("sati", List.of()),
                Arguments.of("sati-maci", List.of()),
                Arguments.of("self-mm", List.of()),
                Arguments.of("coral-ulgm", List.of()),
                Arguments.of("s2lif", List.of()),
                Arguments.of("mult-mask", List.of()));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("assemblies")
    void theFirstStepsLossesAreTheSameWithCollectionsRunningAllTheTime(String name, List<String> overrides)
            throws InterruptedException {
        List<Double> quiet = firstLosses(name, overrides);
        List<Double> collected;
        try (Collections collections = new Collections()) {
            collected = firstLosses(name, overrides);
            assertThat(collections.count()).as("collections asked for during the steps").isGreaterThan(STEPS);
        }

        assertThat(quiet).hasSize(STEPS).allMatch(Double::isFinite);
        assertThat(collected).as("%s's losses with collections running, against without", name).isEqualTo(quiet);
    }

    /** The losses of the first {@link #STEPS} training steps of {@code name} on tiny. */
    private static List<Double> firstLosses(String name, List<String> overrides) {
        List<String> settings = new ArrayList<>(TINY);
        settings.addAll(overrides);
        FirstLosses losses = new FirstLosses();
        assertThatThrownBy(() -> host.runs().run(host.assemblies().resolve(name, settings), Optional.empty(),
                losses)).isInstanceOf(Enough.class);
        return losses.values;
    }

    /** Records each step's loss and ends the run after {@link #STEPS}. */
    private static final class FirstLosses implements TrainingListener {
        final List<Double> values = new ArrayList<>();

        @Override
        public void batchFinished(double loss) {
            values.add(loss);
            if (values.size() == STEPS) {
                throw new Enough();
            }
        }
    }

    private static final class Enough extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Enough() {
            super("enough steps");
        }
    }

    /** A thread asking for a garbage collection every few milliseconds until closed. */
    private static final class Collections implements AutoCloseable {
        private final Thread thread;
        private volatile boolean running = true;
        private volatile int count;

        Collections() {
            thread = new Thread(() -> {
                while (running) {
                    System.gc();
                    count++;
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "collections");
            thread.setDaemon(true);
            thread.start();
        }

        int count() {
            return count;
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join();
        }
    }
}

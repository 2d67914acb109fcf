package io.mosaic.runtime.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mosaic.fixture.StuckForward;
import io.mosaic.runtime.train.StopRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class JobsTest {

    @Test
    void jobsRunOneAtATimeInOrderAndAFailureOnlyFailsItsOwnJob() throws Exception {
        List<Integer> order = new CopyOnWriteArrayList<>();
        CountDownLatch release = new CountDownLatch(1);
        try (Jobs jobs = new Jobs(new AtomicInteger()::incrementAndGet)) {
            Job first = jobs.submit("run", "first", job -> {
                await(release);
                order.add(job.id());
                return Path.of("first");
            });
            Job failing = jobs.submit("run", "failing", job -> {
                order.add(job.id());
                throw new IllegalStateException("encoder 'x' of bundle b 1.0.0 failed");
            });
            Job third = jobs.submit("run", "third", job -> {
                order.add(job.id());
                return Path.of("third");
            });
            assertThat(failing.view().state()).isEqualTo(JobState.QUEUED);
            assertThat(third.view().state()).isEqualTo(JobState.QUEUED);

            release.countDown();
            awaitEnd(third);

            assertThat(order).containsExactly(first.id(), failing.id(), third.id());
            assertThat(first.view().state()).isEqualTo(JobState.COMPLETED);
            assertThat(first.view().folder()).isEqualTo("first");
            assertThat(failing.view().state()).isEqualTo(JobState.FAILED);
            assertThat(failing.view().error()).isEqualTo("encoder 'x' of bundle b 1.0.0 failed");
            assertThat(third.view().state()).isEqualTo(JobState.COMPLETED);
            assertThat(jobs.all()).extracting(Job::id).containsExactly(1, 2, 3);
            assertThat(jobs.find(2)).containsSame(failing);
            assertThat(jobs.find(4)).isEmpty();
        }
    }

    @Test
    void aFullQueueRefusesANewJobUntilOneHasEnded() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (Jobs jobs = new Jobs(new AtomicInteger()::incrementAndGet)) {
            Job running = jobs.submit("run", "running", job -> {
                await(release);
                return Path.of("running");
            }, 2);
            jobs.submit("run", "queued", job -> Path.of("queued"), 2);

            assertThatThrownBy(() -> jobs.submit("run", "third", job -> Path.of("third"), 2))
                    .isInstanceOf(Jobs.QueueFullException.class)
                    .hasMessage("2 jobs are already queued or running; submit again when one has ended");
            assertThat(jobs.all()).hasSize(2);

            release.countDown();
            awaitEnd(running);
            awaitEnd(jobs.find(2).orElseThrow());
            assertThat(jobs.submit("run", "third", job -> Path.of("third"), 2).id()).isEqualTo(3);
        }
    }

    @Test
    void aLinkageErrorOfAPluginFailsTheJobToo() throws Exception {
        try (Jobs jobs = new Jobs(new AtomicInteger()::incrementAndGet)) {
            Job job = jobs.submit("run", "unloadable", j -> {
                throw new NoClassDefFoundError("io/example/Gone");
            });
            awaitEnd(job);
            assertThat(job.view().state()).isEqualTo(JobState.FAILED);
            assertThat(job.view().error()).isEqualTo("io/example/Gone");
        }
    }

    @Test
    void aCancelledJobStopsAtItsNextStepBoundaryAndAQueuedOneNeverStarts() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        List<Integer> started = new CopyOnWriteArrayList<>();
        try (Jobs jobs = new Jobs(Duration.ofSeconds(30), new AtomicInteger()::incrementAndGet)) {
            Job training = jobs.submit("run", "training", job -> {
                started.add(job.id());
                running.countDown();
                StopRequest stop = new StopRequest(job.progress()::stopRequested);
                for (int batch = 1; ; batch++) {
                    int at = batch;
                    stop.check(() -> "epoch 1, batch " + at);
                    sleep(5);
                }
            });
            Job queued = jobs.submit("run", "queued", job -> {
                started.add(job.id());
                return Path.of("queued");
            });
            Job next = jobs.submit("run", "next", job -> Path.of("next"));
            running.await();

            assertThat(jobs.cancel(queued.id())).containsSame(queued);
            assertThat(queued.view().state()).isEqualTo(JobState.CANCELLED);
            assertThat(queued.view().error()).isEqualTo("cancelled before it started");
            jobs.cancel(training.id());
            awaitEnd(next);

            assertThat(training.view().state()).isEqualTo(JobState.CANCELLED);
            assertThat(training.view().error()).matches("stopped \\(cancelled\\) at epoch 1, batch \\d+");
            assertThat(next.view().state()).isEqualTo(JobState.COMPLETED);
            assertThat(started).containsExactly(training.id());
            assertThat(jobs.cancel(99)).isEmpty();
            assertThatThrownBy(() -> jobs.cancel(next.id())).isInstanceOf(IllegalStateException.class)
                    .hasMessage("job 3 has ended (completed)");
        }
    }

    @Test
    void aCancelledJobStuckInAComponentIsAbandonedByNameAndTheQueueMovesOn() throws Exception {
        CountDownLatch stuck = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        try (Jobs jobs = new Jobs(Duration.ofSeconds(1), new AtomicInteger()::incrementAndGet)) {
            Job hanging = jobs.submit("run", "hanging", job -> {
                stuck.countDown();
                return StuckForward.forward(never);
            });
            Job next = jobs.submit("run", "next", job -> Path.of("next"));
            stuck.await();

            long cancelled = System.nanoTime();
            jobs.cancel(hanging.id());
            awaitEnd(next);

            assertThat(Duration.ofNanos(System.nanoTime() - cancelled)).isBetween(Duration.ofSeconds(1),
                    Duration.ofSeconds(5));
            assertThat(hanging.view().state()).isEqualTo(JobState.CANCELLED);
            assertThat(hanging.view().error()).startsWith("cancelled, then abandoned: it did not reach a step "
                    + "boundary within 1 s; it is stuck in " + StuckForward.class.getName() + ".forward(")
                    .endsWith("(thread mosaic-jobs-1, left running as a daemon)");
            assertThat(next.view().state()).isEqualTo(JobState.COMPLETED);
            never.countDown();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void awaitEnd(Job job) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!job.view().state().ended()) {
            assertThat(System.nanoTime()).as("job " + job.id() + " ended in time").isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

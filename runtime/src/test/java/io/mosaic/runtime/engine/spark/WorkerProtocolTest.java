package io.mosaic.runtime.engine.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mosaic.runtime.engine.RunOutcome;
import io.mosaic.runtime.engine.RunTask;
import io.mosaic.runtime.engine.spark.WorkerProtocol.Outcome;
import io.mosaic.runtime.engine.spark.WorkerProtocol.Reply;
import io.mosaic.runtime.train.RunStoppedException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WorkerProtocolTest {
    private static final RunTask TASK = new RunTask("cider seed 1111", Path.of("/runs/compare-1/cider/seed-1111"),
            "name: cider\nseed: 1111\nnote: \"quoted\\n\"\n");

    @Test
    void aRequestIsOneLineThatReadsBackAsTheTask() {
        String line = WorkerProtocol.request(TASK);

        assertThat(line).doesNotContain("\n").doesNotContain("\r");
        assertThat(WorkerProtocol.parseRequest(line)).isEqualTo(TASK);
    }

    @Test
    void repliesReadBackAsTheyWereWritten() {
        for (Reply reply : new Reply[] {new Reply(Outcome.COMPLETED, null),
                new Reply(Outcome.FAILED, "encoder 'x' failed in forward:\n a \"quoted\" line"),
                new Reply(Outcome.STOPPED, "SIGINT")}) {
            String line = WorkerProtocol.reply(reply);
            assertThat(line).startsWith(WorkerProtocol.REPLY).doesNotContain("\n");
            assertThat(WorkerProtocol.parseReply(line)).contains(reply);
        }
    }

    @Test
    void aLineThatIsNotAReplyIsWhatALibraryPrinted() {
        assertThat(WorkerProtocol.parseReply("WARNING: an illegal reflective access")).isEmpty();
        assertThat(WorkerProtocol.parseReply("")).isEmpty();
        assertThat(WorkerProtocol.parseReply("mosaic-workers {}")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"mosaic-worker ", "mosaic-worker {", "mosaic-worker []", "mosaic-worker 42",
            "mosaic-worker {\"outcome\":\"exploded\"}", "mosaic-worker {\"outcome\":\"failed\"}",
            "mosaic-worker {\"outcome\":\"failed\",\"error\":\"\"}", "mosaic-worker {\"outcome\":7}",
            "mosaic-worker {\"outcome\":\"completed\",\"error\":\"but\"}",
            "mosaic-worker {\"outcome\":\"failed\",\"error\":{\"secret\":\"/etc/passwd\"}}"})
    void aBrokenReplyIsRefusedWithoutRepeatingIt(String line) {
        assertThatThrownBy(() -> WorkerProtocol.parseReply(line)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("a ").hasMessageNotContaining("exploded").hasMessageNotContaining("passwd");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json /etc/shadow", "[]", "{\"label\":\"a\",\"folder\":\"/runs/a\"}",
            "{\"label\":\"a\",\"folder\":\"relative/a\",\"resolvedYaml\":\"x\"}",
            "{\"label\":\"a\",\"folder\":\"/\",\"resolvedYaml\":\"x\"}",
            "{\"label\":\"\",\"folder\":\"/runs/a\",\"resolvedYaml\":\"x\"}",
            "{\"label\":\"a\",\"folder\":\"/runs/a\u0000b\",\"resolvedYaml\":\"x\"}"})
    void aBrokenRequestIsRefusedWithoutRepeatingIt(String line) {
        assertThatThrownBy(() -> WorkerProtocol.parseRequest(line)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("a request").hasMessageNotContaining("shadow");
    }

    @Test
    void linesAreReadWithoutTheirEndsAndALongLineIsCut() throws IOException {
        String longLine = "x".repeat(WorkerProtocol.MAX_LINE + 10);
        StringReader in = new StringReader("first\r\nsecond\n\n" + longLine + "\nlast");

        assertThat(WorkerProtocol.readLine(in)).contains("first");
        assertThat(WorkerProtocol.readLine(in)).contains("second");
        assertThat(WorkerProtocol.readLine(in)).contains("");
        assertThat(WorkerProtocol.readLine(in).orElseThrow()).hasSize(WorkerProtocol.MAX_LINE);
        assertThat(WorkerProtocol.readLine(in)).contains("last");
        assertThat(WorkerProtocol.readLine(in)).isEqualTo(Optional.empty());
    }

    @Test
    void aRepliedOutcomeIsTheTasksAndAStoppedRunStopsTheBatch() {
        assertThat(SparkEngine.outcome(TASK, new Reply(Outcome.COMPLETED, null))).isEqualTo(RunOutcome.completed(TASK));
        assertThat(SparkEngine.outcome(TASK, new Reply(Outcome.FAILED, "NaN"))).isEqualTo(RunOutcome.failed(TASK,
                "NaN"));
        assertThatThrownBy(() -> SparkEngine.outcome(TASK, new Reply(Outcome.STOPPED, "SIGINT")))
                .isInstanceOf(RunStoppedException.class).hasMessageContaining("stopped (SIGINT)")
                .hasMessageContaining("mosaic run --resume " + TASK.folder());
    }
}

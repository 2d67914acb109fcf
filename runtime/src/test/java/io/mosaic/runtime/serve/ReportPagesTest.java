package io.mosaic.runtime.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportPagesTest {

    @TempDir
    Path home;

    private Path runs;

    @BeforeEach
    void folders() throws IOException {
        runs = home.resolve("runs");
        write(runs.resolve("baseline-20250101-100000/report.html"), "<p>run</p>");
        write(runs.resolve("baseline-20250101-100000/metrics.json"), "{\"secret\": 1}");
        write(runs.resolve("compare-20250102-100000/comparison.html"), "<p>comparison</p>");
        write(runs.resolve("compare-20250102-100000/baseline/seed-1/report.html"), "<p>seed 1</p>");
        write(runs.resolve("baseline-20250103-100000/run.json"), "{}");
        write(home.resolve("outside/report.html"), "<p>outside</p>");
        write(home.resolve("secret.txt"), "secret-content");
    }

    @Test
    void aFolderGivesItsRunsOrItsComparisonsPageAndAPageMayBeNamed() {
        assertThat(page("baseline-20250101-100000")).isEqualTo("<p>run</p>");
        assertThat(page("/baseline-20250101-100000/")).isEqualTo("<p>run</p>");
        assertThat(page("compare-20250102-100000")).isEqualTo("<p>comparison</p>");
        assertThat(page("compare-20250102-100000/baseline/seed-1")).isEqualTo("<p>seed 1</p>");
        assertThat(page("compare-20250102-100000/baseline/seed-1/report.html")).isEqualTo("<p>seed 1</p>");
        assertThat(ReportPages.of(runs, "baseline-20250101-100000")).isPresent();
        assertThat(ReportPages.of(runs, "baseline-20250103-100000")).isEmpty();
    }

    @Test
    void traversalOtherFilesAndMissingPagesAre404NamingWhatWasAsked() {
        assertRefused("../secret.txt", 404, "no report at /reports/../secret.txt: a report's path is a run, seed "
                + "group or comparison folder under the runs folder");
        assertRefused("baseline-20250101-100000/../../secret.txt", 404, "a report's path is");
        assertRefused("./baseline-20250101-100000", 404, "a report's path is");
        assertRefused("baseline-20250101-100000/metrics.json", 404, "baseline-20250101-100000/metrics.json is a "
                + "file, and only a folder's report.html or comparison.html is served");
        assertRefused("baseline-20250101-100000/run.json", 404, "there is no folder");
        assertRefused("baseline-20250103-100000", 404, "baseline-20250103-100000 has no report.html or "
                + "comparison.html (mosaic report baseline-20250103-100000 writes it)");
        assertRefused("no-such-run", 404, "there is no folder no-such-run under the runs folder");
        assertRefused("", 404, "a report's path is");
        assertRefused("report.html", 404, "name the folder of a run, seed group or comparison");
        assertRefused("a\\b", 404, "a report's path is");
    }

    @Test
    void symbolicLinksAreNotFollowedAtAnyDepth() throws IOException {
        Files.createSymbolicLink(runs.resolve("linked-run"), home.resolve("outside"));
        Files.createDirectories(runs.resolve("linked-page"));
        Files.createSymbolicLink(runs.resolve("linked-page/report.html"), home.resolve("secret.txt"));
        Files.createSymbolicLink(runs.resolve("compare-20250102-100000/linked"), home.resolve("outside"));

        assertRefused("linked-run", 403, "no report at /reports/linked-run: linked-run is a symbolic link, which is "
                + "not followed");
        assertRefused("linked-page", 403, "linked-page/report.html is a symbolic link, which is not followed");
        assertRefused("linked-page/report.html", 403, "is a symbolic link");
        assertRefused("compare-20250102-100000/linked", 403, "compare-20250102-100000/linked is a symbolic link");
    }

    private String page(String path) {
        return new String(ReportPages.read(runs, path), StandardCharsets.UTF_8);
    }

    private void assertRefused(String path, int status, String message) {
        assertThatThrownBy(() -> ReportPages.read(runs, path)).isInstanceOfSatisfying(ReportPages.NoPage.class,
                e -> {
                    assertThat(e.status()).isEqualTo(status);
                    assertThat(e.getMessage()).contains(message).doesNotContain("secret-content", "outside</p>");
                });
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}

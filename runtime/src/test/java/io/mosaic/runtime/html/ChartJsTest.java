package io.mosaic.runtime.html;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChartJsTest {

    @Test
    void theLibraryIsReadFromTheWebJarOfItsVersion() {
        ChartJs chartJs = ChartJs.load();

        assertThat(chartJs.version()).matches("\\d+\\.\\d+\\.\\d+");
        assertThat(chartJs.source()).startsWith("/*!\n * Chart.js v" + chartJs.version())
                .contains("Released under the MIT License")
                .contains("window.Chart=")
                .as("the source map is not shipped, so nothing refers to it").doesNotContain("sourceMappingURL");
    }
}

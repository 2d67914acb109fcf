package io.mosaic.runtime.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void cellsThatNeedQuotesAreQuotedWithTheirQuotesDoubled() {
        assertThat(Csv.cell("plain id_1")).isEqualTo("plain id_1");
        assertThat(Csv.cell("a,b")).isEqualTo("\"a,b\"");
        assertThat(Csv.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(Csv.cell("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(Csv.cell("cr\rhere")).isEqualTo("\"cr\rhere\"");
        assertThat(Csv.text(List.of(List.of("a", "b,c"), List.of("", "\"")))).isEqualTo("a,\"b,c\"\n,\"\"\"\"\n");
    }

    @Test
    void anyTextComesBackFromWhatIsWritten() {
        List<List<String>> rows = List.of(List.of("sample_id", "split"),
                List.of("a,b", "x"), List.of("\"quoted\"", ""), List.of("two\nlines\r\nthree", "y"),
                List.of("<script>alert(1)</script>", "\"\""), List.of("", ""), List.of(" spaced ", "é,ü"));

        assertThat(Csv.parse(Csv.text(rows), "t.csv")).isEqualTo(rows);
    }

    @Test
    void crlfLineEndsAndALastLineWithoutOneAreRead() {
        assertThat(Csv.parse("a,b\r\n1,2\r\n3,\"4\"", "t.csv"))
                .isEqualTo(List.of(List.of("a", "b"), List.of("1", "2"), List.of("3", "4")));
    }

    @Test
    void malformedQuotingIsRefusedNamingTheLine() {
        assertThatThrownBy(() -> Csv.parse("a,b\n1,\"open\n\n", "p.csv"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("p.csv, line 2: a quoted cell is not closed");
        assertThatThrownBy(() -> Csv.parse("a,b\n1,x\"y\n", "p.csv"))
                .hasMessageStartingWith("p.csv, line 2: a quote inside an unquoted cell");
        assertThatThrownBy(() -> Csv.parse("a\n\"x\"y\n", "p.csv"))
                .hasMessage("p.csv, line 2: text after a quoted cell; expected a comma or the line's end");
    }
}

package io.mosaic.runtime.data.mmsa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mosaic.api.component.ParameterException;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.data.Modality;
import io.mosaic.runtime.data.Dataset;
import io.mosaic.runtime.data.Sample;
import io.mosaic.runtime.data.Split;
import io.mosaic.runtime.data.export.MmsaExport;
import io.mosaic.runtime.data.testbed.SplitSizes;
import io.mosaic.runtime.data.testbed.Testbed;
import io.mosaic.runtime.data.testbed.TestbedConfig;
import io.mosaic.runtime.data.tokenizer.TokenizerFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code data.tokenizer}: an MMSA file's raw_text tokenised into the samples' token ids and text lengths. */
class TokenizedRawTextTest {
    private static final Testbed TINY = new Testbed(TestbedConfig.preset("tiny").withSplits(new SplitSizes(6, 3, 3)),
            5);
    private static final MmsaSource SOURCE = new MmsaSource();

    @TempDir
    Path dir;

    /**
     * A testbed export writes raw_text as the words {@code w<id>} of each sample's ids (special tokens left out); a
     * WordPiece tokenizer whose vocabulary maps {@code w<id>} to id gives back exactly the testbed's ids, [CLS] and
     * [SEP] included, with the true text lengths.
     */
    @Test
    void aTestbedExportsRawTextTokenisesBackToTheTestbedsIds() throws IOException {
        Path file = dir.resolve("tiny.pkl");
        MmsaExport.write(TINY, file, 1);
        TokenizerFile tokenizer = TokenizerFile.read(wordTokenizer(TINY.vocabulary()));

        Dataset read = SOURCE.open(file, withoutTokenIds(SOURCE.readSplits(file)), "", "auto", false, tokenizer);

        int compared = 0;
        for (String name : TINY.splitNames()) {
            Split expected = TINY.split(name);
            for (int i = 0; i < expected.size(); i++) {
                Sample sample = read.split(name).sample(i);
                assertThat(sample.tokenIds()).as("%s %d", name, i).isEqualTo(expected.sample(i).tokenIds());
                assertThat(sample.frames(Modality.TEXT).length())
                        .isEqualTo(expected.sample(i).frames(Modality.TEXT).length());
                compared++;
            }
        }
        assertThat(compared).isEqualTo(12);
        assertThat(read.vocabulary()).isPositive().isLessThanOrEqualTo(TINY.vocabulary());
    }

    @Test
    void aFileWithItsOwnIdsRefusesATokenizerAtItsSetting() throws IOException {
        Path file = dir.resolve("tiny.pkl");
        MmsaExport.write(TINY, file, 1);
        Path tokenizer = wordTokenizer(TINY.vocabulary());

        assertThatThrownBy(() -> SOURCE.open(Parameters.of(SOURCE.parameters(), Map.of("file", file.toString(),
                "tokenizer", tokenizer.toString())), 1))
                .isInstanceOfSatisfying(ParameterException.class, e -> assertThat(e.parameter()).isEqualTo("tokenizer"))
                .hasMessage("parameter 'tokenizer': " + file + ", split 'train' has its own token ids ('text_bert'), "
                        + "which are used as they are; remove the tokenizer setting");
    }

    @Test
    void aTokenizerNeedsRawText() throws IOException {
        Path file = dir.resolve("tiny.pkl");
        MmsaExport.write(TINY, file, 1);
        Map<String, Map<String, Object>> values = withoutTokenIds(SOURCE.readSplits(file));
        values.values().forEach(split -> split.remove("raw_text"));
        TokenizerFile tokenizer = TokenizerFile.read(wordTokenizer(TINY.vocabulary()));

        assertThatThrownBy(() -> SOURCE.open(file, values, "", "auto", false, tokenizer))
                .hasMessageStartingWith(file + ", split 'train', key 'raw_text': is missing; data.tokenizer tokenises");
    }

    @Test
    void aMissingTokenizerIsNamedAtItsSetting() {
        Path missing = dir.resolve("tokenizer.json");

        assertThatThrownBy(() -> SOURCE.open(Parameters.of(SOURCE.parameters(), Map.of("file", "x.pkl",
                "tokenizer", missing.toString())), 1))
                .isInstanceOfSatisfying(ParameterException.class, e -> assertThat(e.parameter()).isEqualTo("tokenizer"))
                .hasMessage("parameter 'tokenizer': " + missing + ": no such file (a HuggingFace tokenizer.json)");
    }

    private static Map<String, Map<String, Object>> withoutTokenIds(Map<String, Map<String, Object>> splits) {
        Map<String, Map<String, Object>> copy = new LinkedHashMap<>();
        splits.forEach((name, values) -> {
            Map<String, Object> split = new LinkedHashMap<>(values);
            split.remove("text_bert");
            copy.put(name, split);
        });
        return copy;
    }

    /** A WordPiece tokenizer.json with BERT's special ids and {@code w<id>} at id for every other id. */
    private Path wordTokenizer(int vocabulary) throws IOException {
        String template = Files.readString(Path.of(resourceUri()));
        StringJoiner vocab = new StringJoiner(", ", "\"vocab\": {", "}");
        vocab.add("\"[PAD]\": 0").add("\"[UNK]\": 100").add("\"[CLS]\": 101").add("\"[SEP]\": 102")
                .add("\"[MASK]\": 103");
        for (int id = 104; id < vocabulary; id++) {
            vocab.add("\"w" + id + "\": " + id);
        }
        int start = template.indexOf("\"vocab\": {");
        int end = template.indexOf('}', start) + 1;
        Path file = dir.resolve("words.json");
        Files.writeString(file, template.substring(0, start) + vocab + template.substring(end));
        return file;
    }

    private static java.net.URI resourceUri() {
        try {
            return TokenizedRawTextTest.class.getResource("/data/tokenizer/tokenizer.json").toURI();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}

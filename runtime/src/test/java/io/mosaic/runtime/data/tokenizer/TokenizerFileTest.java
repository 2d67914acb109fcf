package io.mosaic.runtime.data.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed {@code data/tokenizer/tokenizer.json}: a BERT-style WordPiece tokenizer (BertNormalizer lowercasing
 * and stripping accents, BertPreTokenizer, [CLS] ... [SEP] template) whose vocabulary is BERT's five special tokens at
 * their ids and 32 words and pieces at 1000 to 1031 (listed in the file). Expected ids are worked out by hand from
 * that vocabulary with WordPiece's greedy longest-match-first rule.
 */
class TokenizerFileTest {
    static final Path TOKENIZER = resource("tokenizer/tokenizer.json");

    @TempDir
    Path dir;

    static Path resource(String name) {
        try {
            return Path.of(TokenizerFileTest.class.getResource("/data/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int[] encode(String text, int steps) {
        return TokenizerFile.read(TOKENIZER).encode(List.of(text), steps)[0];
    }

    @Test
    void wordsPiecesPunctuationCasingAndAccentsGetTheHandComputedIds() {
        // the 1000, movie 1001, was 1002, great 1005, ! 1018
        assertThat(encode("The movie was great!", 8)).containsExactly(101, 1000, 1001, 1002, 1005, 1018, 102, 0);
        // i 1006, love 1007, play 1010 + ##ing 1011 (upper case lowered)
        assertThat(encode("I LOVE playing", 8)).containsExactly(101, 1006, 1007, 1010, 1011, 102, 0, 0);
        // un 1013 ##believ 1014 ##able 1015; film 1027 ##s 1024
        assertThat(encode("unbelievable films", 8)).containsExactly(101, 1013, 1014, 1015, 1027, 1024, 102, 0);
        // it 1008 ' 1020 s 1021 so 1030 funny 1031 , 1017 a 1025 film 1027 ? 1019
        assertThat(encode("It's so funny, a film?", 12))
                .containsExactly(101, 1008, 1020, 1021, 1030, 1031, 1017, 1025, 1027, 1019, 102, 0);
        // Café: lowered, accent stripped, cafe 1022
        assertThat(encode("Café", 4)).containsExactly(101, 1022, 102, 0);
    }

    @Test
    void unknownWordsAreOneUnkEachEvenWhenAPrefixIsKnown() {
        // xylophone: no piece matches; playful: play matches but ##ful does not, so the whole word is [UNK]
        assertThat(encode("xylophone was bad", 6)).containsExactly(101, 100, 1002, 1009, 102, 0);
        assertThat(encode("playful 42", 6)).containsExactly(101, 100, 100, 102, 0, 0);
    }

    @Test
    void theMaskTokenInATextIsBertsMaskId() {
        assertThat(encode("the [MASK] was bad", 8)).containsExactly(101, 1000, 103, 1002, 1009, 102, 0, 0);
    }

    @Test
    void longTextsAreTruncatedKeepingSepAndEmptyOnesAreClsSep() {
        assertThat(encode("the movie was not good", 5)).containsExactly(101, 1000, 1001, 1002, 102);
        assertThat(encode("", 4)).containsExactly(101, 102, 0, 0);
        assertThat(encode("   ", 3)).containsExactly(101, 102, 0);
    }

    @Test
    void severalTextsAreEncodedInOrder() {
        int[][] ids = TokenizerFile.read(TOKENIZER).encode(List.of("bad", "very good", ""), 5);

        assertThat(ids).isDeepEqualTo(new int[][] {
            {101, 1009, 102, 0, 0}, {101, 1023, 1004, 102, 0}, {101, 102, 0, 0, 0}});
    }

    @Test
    void fewerThanTwoStepsCannotHoldClsAndSep() {
        assertThatThrownBy(() -> encode("bad", 1))
                .hasMessage(TOKENIZER + ": texts of 1 positions cannot hold [CLS] and [SEP]; at least 2 are needed");
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = dir.resolve("none.json");

        assertThatThrownBy(() -> TokenizerFile.read(missing))
                .hasMessage(missing + ": no such file (a HuggingFace tokenizer.json)");
    }

    @Test
    void corruptJsonIsPlacedWithoutEchoingTheFile() throws IOException {
        Path file = write("bad.json", "{\n  \"model\": SECRET-WORDS }");

        assertThatThrownBy(() -> TokenizerFile.read(file))
                .hasMessageStartingWith(file + ": not valid JSON at line 2 column ")
                .hasMessageNotContaining("SECRET");
        Path binary = dir.resolve("binary.json");
        Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 0});
        assertThatThrownBy(() -> TokenizerFile.read(binary))
                .hasMessage(binary + ": not UTF-8 text (a tokenizer.json is JSON)");
    }

    @Test
    void aModelTheLibraryRejectsIsRefusedWithoutItsMessage() throws IOException {
        String json = Files.readString(TOKENIZER).replace("\"type\": \"WordPiece\",\n  \"unk_token\"",
                "\"type\": \"SECRET-MODEL\",\n  \"unk_token\"");
        assertThat(json).contains("SECRET-MODEL");
        Path file = write("model.json", json);

        assertThatThrownBy(() -> TokenizerFile.read(file))
                .hasMessageStartingWith(file + ": not a tokenizer the HuggingFace tokenizers library reads (")
                .hasMessageNotContaining("SECRET");
    }

    @Test
    void specialTokensAtOtherIdsThanBertsAreRefused() throws IOException {
        Path roberta = write("roberta.json", Files.readString(TOKENIZER).replace("\"[CLS]\": 101", "\"[CLS]\": 0")
                .replace("\"id\": 101", "\"id\": 0"));

        assertThatThrownBy(() -> TokenizerFile.read(roberta))
                .hasMessage(roberta + ": [CLS] has id 0; Mosaic's protocols and MACI use BERT's special ids {[PAD]=0, "
                        + "[UNK]=100, [CLS]=101, [SEP]=102, [MASK]=103} (BERT, ELECTRA and Chinese BERT tokenizers "
                        + "have them; RoBERTa's do not)");
    }

    @Test
    void aTokenizerThatDoesNotWrapTextsInClsAndSepIsRefused() throws IOException {
        String json = Files.readString(TOKENIZER);
        int start = json.indexOf("\"post_processor\"");
        int end = json.indexOf("\"decoder\"");
        Path bare = write("bare.json", json.substring(0, start) + "\"post_processor\": null,\n " + json.substring(end));

        assertThatThrownBy(() -> TokenizerFile.read(bare))
                .hasMessage(bare + ": the empty text encodes to ids [0, 0], expected [CLS] [SEP] [101, 102]; the "
                        + "tokenizer needs a post_processor that wraps each text in [CLS] ... [SEP], as BERT's");
    }

    @Test
    void djlMustStayOfflineAndOnTheJarsCpuNatives() {
        String offline = System.getProperty("ai.djl.offline");
        try {
            System.setProperty("ai.djl.offline", "false");
            assertThatThrownBy(TokenizerFile::requireOfflineNatives).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("DJL is not offline");
        } finally {
            System.setProperty("ai.djl.offline", offline);
        }
        try {
            System.setProperty("RUST_FLAVOR", "cu124");
            assertThatThrownBy(TokenizerFile::requireOfflineNatives).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("RUST_FLAVOR=cu124 would make DJL download GPU tokenizer natives");
        } finally {
            System.clearProperty("RUST_FLAVOR");
        }
        TokenizerFile.requireOfflineNatives();
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }
}

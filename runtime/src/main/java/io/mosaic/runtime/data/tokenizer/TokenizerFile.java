package io.mosaic.runtime.data.tokenizer;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.util.Utils;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mosaic.api.data.SpecialTokens;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A user's HuggingFace {@code tokenizer.json} (what {@code tokenizer.save_pretrained} or {@code Tokenizer.save}
 * writes), run by DJL's binding of the HuggingFace tokenizers library. The library's CPU natives come from its jar;
 * DJL must be offline, so it never downloads anything.
 *
 * <p>Mosaic's protocols and MACI use BERT's special ids ({@link SpecialTokens}), so the tokenizer must map
 * {@code [PAD]} 0, {@code [UNK]} 100, {@code [CLS]} 101, {@code [SEP]} 102 and {@code [MASK]} 103 (BERT's,
 * ELECTRA's and Chinese BERT's vocabularies do; RoBERTa's {@code <s>}/{@code </s>} do not) and wrap every text in
 * {@code [CLS] ... [SEP]}, as BERT's post-processor does.
 */
public final class TokenizerFile {
    /** Far above any real tokenizer (BERT's is 0.7 MB, multilingual ones 10 to 20 MB). */
    static final long MAX_BYTES = 64L << 20;
    private static final Map<String, Integer> SPECIAL = specialIds();
    private static final Pattern POSITION = Pattern.compile("line (\\d+) column (\\d+)");

    private final Path file;
    private final byte[] json;

    private TokenizerFile(Path file, byte[] json) {
        this.file = file;
        this.json = json;
    }

    /**
     * Reads and checks {@code file}; messages name the file and what was expected, never its contents.
     *
     * @throws IllegalArgumentException when the file is missing, too large, not UTF-8 JSON, not a tokenizer the
     *                                  library reads, or breaks the special-token conventions
     * @throws IllegalStateException    when DJL is not offline or is told to fetch GPU natives
     */
    public static TokenizerFile read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": no such file (a HuggingFace tokenizer.json)");
        }
        byte[] json;
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new IllegalArgumentException(file + ": " + size + " bytes; a tokenizer.json over "
                        + MAX_BYTES + " bytes is not read");
            }
            json = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read: " + e.getClass().getSimpleName(), e);
        }
        TokenizerFile tokenizer = new TokenizerFile(file, json);
        tokenizer.checkSpecialIds(tokenizer.parse());
        tokenizer.checkWrapping();
        return tokenizer;
    }

    public Path file() {
        return file;
    }

    /**
     * The ids of each text: {@code [CLS]} tokens {@code [SEP]}, truncated to {@code steps} ids by the library (which
     * keeps {@code [SEP]} last) and padded with {@link SpecialTokens#PAD}.
     *
     * @param steps the ids per text, at least 2
     */
    public int[][] encode(List<String> texts, int steps) {
        if (steps < 2) {
            throw new IllegalArgumentException(file + ": texts of " + steps + " positions cannot hold [CLS] and "
                    + "[SEP]; at least 2 are needed");
        }
        Encoding[] encodings;
        HuggingFaceTokenizer tokenizer = open(steps);
        try (tokenizer) {
            encodings = tokenizer.batchEncode(texts.toArray(String[]::new));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(file + ": the tokenizer failed: " + position(e), e);
        }
        int[][] ids = new int[texts.size()][steps];
        for (int i = 0; i < ids.length; i++) {
            long[] encoded = encodings[i].getIds();
            if (encoded.length > steps) {
                throw new IllegalStateException(file + ": text " + i + " has " + encoded.length + " ids after "
                        + "truncation to " + steps);
            }
            for (int t = 0; t < encoded.length; t++) {
                ids[i][t] = Math.toIntExact(encoded[t]);
            }
        }
        return ids;
    }

    /** The native tokenizer, truncating to {@code steps} ids, not padding, adding the special tokens. */
    private HuggingFaceTokenizer open(int steps) {
        requireOfflineNatives();
        Map<String, String> options = Map.of("addSpecialTokens", "true", "truncation", "true", "padding", "false",
                "maxLength", Integer.toString(steps), "modelMaxLength", Integer.toString(steps));
        try {
            return HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(json), options);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(file + ": not a tokenizer the HuggingFace tokenizers library reads ("
                    + position(e) + ")", e);
        }
    }

    /**
     * DJL downloads tokenizer natives only when it is online and finds a GPU, or when RUST_FLAVOR asks for a GPU
     * build; Mosaic's runtime sets {@code ai.djl.offline}, and this refuses the rest.
     */
    static void requireOfflineNatives() {
        if (!Utils.isOfflineMode()) {
            throw new IllegalStateException("DJL is not offline (is DJL_OFFLINE=false set?); Mosaic runs the "
                    + "tokenizers library only from its jar's natives and never lets DJL download");
        }
        String flavor = Utils.getEnvOrSystemProperty("RUST_FLAVOR");
        if (flavor != null && !flavor.isEmpty() && !flavor.equals("cpu")
                && Utils.getEnvOrSystemProperty("RUST_LIBRARY_PATH") == null) {
            throw new IllegalStateException("RUST_FLAVOR=" + flavor + " would make DJL download GPU tokenizer "
                    + "natives; unset it (the jar's CPU natives are used) or point RUST_LIBRARY_PATH at a local "
                    + "library");
        }
    }

    private JsonNode parse() {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(json)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(file + ": not UTF-8 text (a tokenizer.json is JSON)");
        }
        try {
            JsonNode root = new ObjectMapper().readTree(text);
            if (root == null || !root.isObject() || !root.path("model").isObject()) {
                throw new IllegalArgumentException(file + ": expected a JSON object with a 'model', as the "
                        + "HuggingFace tokenizers library writes tokenizer.json");
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new IllegalArgumentException(file + ": not valid JSON"
                    + (at == null ? "" : " at line " + at.getLineNr() + " column " + at.getColumnNr()));
        }
    }

    /** Each special token has BERT's id, as an added token or in the model's vocabulary. */
    private void checkSpecialIds(JsonNode root) {
        Map<String, Long> found = new LinkedHashMap<>();
        root.path("model").path("vocab").fields().forEachRemaining(entry -> {
            if (SPECIAL.containsKey(entry.getKey()) && entry.getValue().canConvertToLong()) {
                found.put(entry.getKey(), entry.getValue().asLong());
            }
        });
        for (JsonNode added : root.path("added_tokens")) {
            String content = added.path("content").asText("");
            if (SPECIAL.containsKey(content) && added.path("id").canConvertToLong()) {
                found.put(content, added.path("id").asLong());
            }
        }
        SPECIAL.forEach((token, id) -> {
            if (!found.containsKey(token) || found.get(token) != (long) id) {
                throw new IllegalArgumentException(file + ": " + token + " has " + (found.containsKey(token)
                        ? "id " + found.get(token) : "no id") + "; Mosaic's protocols and MACI use BERT's special "
                        + "ids " + SPECIAL + " (BERT, ELECTRA and Chinese BERT tokenizers have them; RoBERTa's "
                        + "do not)");
            }
        });
    }

    /** The empty text encodes to {@code [CLS] [SEP]}: the tokenizer wraps texts as BERT's does. */
    private void checkWrapping() {
        int[] empty = encode(List.of(""), 2)[0];
        if (!Arrays.equals(empty, new int[] {SpecialTokens.CLS, SpecialTokens.SEP})) {
            throw new IllegalArgumentException(file + ": the empty text encodes to ids " + Arrays.toString(empty)
                    + ", expected [CLS] [SEP] " + Arrays.toString(new int[] {SpecialTokens.CLS, SpecialTokens.SEP})
                    + "; the tokenizer needs a post_processor that wraps each text in [CLS] ... [SEP], as BERT's");
        }
    }

    /** Where the library's error points in the file, without the library's message (which may quote the file). */
    private static String position(Exception e) {
        Matcher m = POSITION.matcher(String.valueOf(e.getMessage()));
        return m.find() ? "error at line " + m.group(1) + " column " + m.group(2) : e.getClass().getSimpleName();
    }

    private static Map<String, Integer> specialIds() {
        Map<String, Integer> ids = new LinkedHashMap<>();
        ids.put("[PAD]", SpecialTokens.PAD);
        ids.put("[UNK]", SpecialTokens.UNK);
        ids.put("[CLS]", SpecialTokens.CLS);
        ids.put("[SEP]", SpecialTokens.SEP);
        ids.put("[MASK]", SpecialTokens.MASK);
        return Collections.unmodifiableMap(ids);
    }
}

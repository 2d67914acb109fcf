package io.mosaic.runtime.data.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import io.mosaic.api.data.Modality;
import io.mosaic.runtime.data.Frames;
import io.mosaic.runtime.data.Sample;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Pins what every preset generates, so that a change of the generator that alters existing data is caught: a
 * SHA-256 over the first samples of each split (id, score, domain, token ids, every modality's frames and length).
 * The values were taken before modality-specific scores were added; with {@code unimodal-shift} at its default 0,
 * every preset must still produce them bit for bit.
 */
class PresetFingerprintTest {

    private static final int SAMPLES_PER_SPLIT = 6;

    @Test
    void everyPresetGeneratesTheDataItAlwaysHas() {
        Map<String, String> fingerprints = new LinkedHashMap<>();
        TestbedConfig.PRESETS.forEach(preset -> fingerprints.put(preset, fingerprint(Testbed.preset(preset, 1111))));

        assertThat(fingerprints).containsExactly(
                Map.entry("tiny",
                        "068ab812aaf782d3a2371056d38cce4de44442f875f17260a16c4e84df0f0dbc"),
                Map.entry("tiny-aligned",
                        "d58af87f4b341b9e28fae0a12cb333f234c175ea1946996b31eb4966f231d8de"),
                Map.entry("mosi-like",
                        "0f7a85aacfa573c31b84d55d28f1aa2c7d4c5f32cf607484526c6707bfda0185"),
                Map.entry("mosi-aligned",
                        "9b4eb2346f68088c7512b8a18f90925748fc82415c782c3b5d27c357210aadf9"),
                Map.entry("mosei-like",
                        "685adf95841a0e6a7576a28f75d0d922a3c82e24624af8c18f5f5707f6489c3a"),
                Map.entry("meld-like",
                        "436a33a7a9669a22ad26ae7dbffd75ad3ceecffaaf748dd2681b05019616804d"));
    }

    @Test
    void theFingerprintSeesAChangedSample() {
        assertThat(fingerprint(Testbed.preset("tiny", 1111))).isNotEqualTo(fingerprint(Testbed.preset("tiny", 1112)));
    }

    private static String fingerprint(Testbed testbed) {
        MessageDigest digest = sha256();
        for (String name : testbed.splitNames()) {
            TestbedSplit split = testbed.split(name);
            for (int i = 0; i < SAMPLES_PER_SPLIT; i++) {
                update(digest, split.sample(i));
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void update(MessageDigest digest, Sample sample) {
        digest.update(sample.id().getBytes(StandardCharsets.UTF_8));
        ByteBuffer header = ByteBuffer.allocate(Float.BYTES + Integer.BYTES).putFloat(sample.score())
                .putInt(sample.domain());
        digest.update(header.array());
        ByteBuffer tokens = ByteBuffer.allocate(Integer.BYTES * sample.tokenIds().length);
        tokens.asIntBuffer().put(sample.tokenIds());
        digest.update(tokens.array());
        for (Modality modality : Modality.values()) {
            Frames frames = sample.frames(modality);
            ByteBuffer values = ByteBuffer.allocate(Float.BYTES * frames.values().length + Integer.BYTES);
            values.asFloatBuffer().put(frames.values());
            values.putInt(Float.BYTES * frames.values().length, frames.length());
            digest.update(values.array());
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every Java platform has SHA-256", e);
        }
    }
}

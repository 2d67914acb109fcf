package io.mosaic.runtime.data.testbed;

import java.util.List;

/**
 * Everything that defines a testbed except its seed.
 *
 * @param name              the preset name, or any label for a custom configuration
 * @param splits            samples per split
 * @param domains           number of domains (D)
 * @param minLengthFraction the shortest true length as a fraction of the padded length; a sample's fraction is
 *                          uniform in [minLengthFraction, 1] and shared by its three modalities
 * @param text              token positions, feature width and word roles
 * @param audio             audio frames and feature roles
 * @param vision            vision frames and feature roles
 * @param planting          strengths of the planted structure
 * @param domainSplit       the domains train and valid draw from, and those test draws from
 * @param wordAligned       whether audio and vision are word-aligned (MMSA's {@code aligned_50} files): one frame
 *                          per text position, so every modality has the text's padded length and each sample's
 *                          frames have its text's true length
 */
public record TestbedConfig(String name, SplitSizes splits, int domains, double minLengthFraction,
                            TextLayout text, FrameLayout audio, FrameLayout vision, Planting planting,
                            DomainSplit domainSplit, boolean wordAligned) {

    /** The names {@link #preset(String)} knows. */
    public static final List<String> PRESETS = List.of("tiny", "tiny-aligned", "mosi-like", "mosi-aligned",
            "mosei-like", "meld-like");

    public TestbedConfig {
        if (domains < 1) {
            throw new IllegalArgumentException("a testbed needs >= 1 domain, got " + domains);
        }
        if (!(minLengthFraction > 0 && minLengthFraction <= 1)) {
            throw new IllegalArgumentException("minLengthFraction must be in (0, 1], got " + minLengthFraction);
        }
        int words = 2 * text.sentimentWords() + domains * text.topicWordsPerDomain();
        if (TextLayout.FIRST_WORD + words >= text.vocabulary()) {
            throw new IllegalArgumentException("a vocabulary of " + text.vocabulary() + " ids has no room for filler"
                    + " words after " + TextLayout.FIRST_WORD + " special ids and " + words
                    + " sentiment and topic words");
        }
        if (planting.sentimentRate() > 0 && text.sentimentWords() == 0
                || planting.topicRate() > 0 && text.topicWordsPerDomain() == 0) {
            throw new IllegalArgumentException("a positive sentimentRate or topicRate needs words of that role, got "
                    + text.sentimentWords() + " sentiment and " + text.topicWordsPerDomain() + " topic words per domain");
        }
        domainSplit.requireWithin(domains, name);
        if (wordAligned && (audio.steps() != text.steps() || vision.steps() != text.steps())) {
            throw new IllegalArgumentException("a word-aligned testbed has one audio and one vision frame per text "
                    + "position, got text " + text.steps() + ", audio " + audio.steps() + " and vision "
                    + vision.steps() + " steps");
        }
    }

    /** A configuration whose audio and vision have lengths of their own (unaligned, as MMSA's unaligned files). */
    public TestbedConfig(String name, SplitSizes splits, int domains, double minLengthFraction, TextLayout text,
                         FrameLayout audio, FrameLayout vision, Planting planting, DomainSplit domainSplit) {
        this(name, splits, domains, minLengthFraction, text, audio, vision, planting, domainSplit, false);
    }

    /** A configuration whose splits all draw from every domain. */
    public TestbedConfig(String name, SplitSizes splits, int domains, double minLengthFraction, TextLayout text,
                         FrameLayout audio, FrameLayout vision, Planting planting) {
        this(name, splits, domains, minLengthFraction, text, audio, vision, planting, DomainSplit.all(domains));
    }

    /**
     * A named preset, every split drawing from every domain:
     * <ul>
     *   <li>{@code tiny}: unit and integration tests; an epoch of a small model takes about a second;</li>
     *   <li>{@code tiny-aligned}: {@code tiny}'s text and sizes, word-aligned: audio 12×4 and vision 12×6;</li>
     *   <li>{@code mosi-like}: the shapes and split sizes of CMU-MOSI unaligned (text 50, audio 375×5, vision
     *       500×20; 1284/229/686), with 32-wide token features and 3 domains;</li>
     *   <li>{@code mosi-aligned}: {@code mosi-like} word-aligned, the shapes of CMU-MOSI's {@code aligned_50} file
     *       (text 50, audio 50×5, vision 50×20). Frames are ten times fewer, so segments hold 2 frames and 4 vision
     *       keyframes carry the evidence (6 and 8 in {@code mosi-like}); every strength is the same;</li>
     *   <li>{@code mosei-like}: the shapes and split sizes of CMU-MOSEI unaligned (text 50, audio 500×74, vision
     *       500×35; 16326/1871/4659), with 32-wide token features and 3 domains;</li>
     *   <li>{@code meld-like}: S2LIF's domain-generalisation settings, to be used with a 3-class task: 5 domains
     *       to split into source and target ({@link DomainSplit}), short utterances (text 40, audio 200×24, vision
     *       200×32, true lengths from 30 % of the padded length), 2000/400/800 samples.</li>
     * </ul>
     */
    public static TestbedConfig preset(String name) {
        return switch (name) {
            case "tiny" -> new TestbedConfig(name, new SplitSizes(160, 48, 48), 3, 0.5,
                    new TextLayout(12, 8, 200, 4, 3),
                    new FrameLayout(20, 4, 1, 1),
                    new FrameLayout(24, 6, 2, 2),
                    Planting.standard(4, 2));
            case "tiny-aligned" -> new TestbedConfig(name, new SplitSizes(160, 48, 48), 3, 0.5,
                    new TextLayout(12, 8, 200, 4, 3),
                    new FrameLayout(12, 4, 1, 1),
                    new FrameLayout(12, 6, 2, 2),
                    Planting.standard(2, 2), DomainSplit.all(3), true);
            case "mosi-like" -> new TestbedConfig(name, new SplitSizes(1284, 229, 686), 3, 0.4,
                    new TextLayout(50, 32, 2000, 12, 8),
                    new FrameLayout(375, 5, 2, 1),
                    new FrameLayout(500, 20, 4, 4),
                    Planting.standard(6, 8));
            case "mosi-aligned" -> new TestbedConfig(name, new SplitSizes(1284, 229, 686), 3, 0.4,
                    new TextLayout(50, 32, 2000, 12, 8),
                    new FrameLayout(50, 5, 2, 1),
                    new FrameLayout(50, 20, 4, 4),
                    Planting.standard(2, 4), DomainSplit.all(3), true);
            case "mosei-like" -> new TestbedConfig(name, new SplitSizes(16326, 1871, 4659), 3, 0.4,
                    new TextLayout(50, 32, 4000, 16, 10),
                    new FrameLayout(500, 74, 8, 8),
                    new FrameLayout(500, 35, 6, 6),
                    Planting.standard(6, 8));
            case "meld-like" -> new TestbedConfig(name, new SplitSizes(2000, 400, 800), 5, 0.3,
                    new TextLayout(40, 32, 3000, 12, 8),
                    new FrameLayout(200, 24, 4, 4),
                    new FrameLayout(200, 32, 6, 6),
                    Planting.standard(4, 4));
            default -> throw new IllegalArgumentException("unknown testbed preset '" + name + "'; known presets: "
                    + String.join(", ", PRESETS));
        };
    }

    public TestbedConfig withSplits(SplitSizes newSplits) {
        return new TestbedConfig(name, newSplits, domains, minLengthFraction, text, audio, vision, planting,
                domainSplit, wordAligned);
    }

    public TestbedConfig withPlanting(Planting newPlanting) {
        return new TestbedConfig(name, splits, domains, minLengthFraction, text, audio, vision, newPlanting,
                domainSplit, wordAligned);
    }

    /** @throws IllegalArgumentException when the split names a domain this configuration does not have */
    public TestbedConfig withDomainSplit(DomainSplit newDomainSplit) {
        return new TestbedConfig(name, splits, domains, minLengthFraction, text, audio, vision, planting,
                newDomainSplit, wordAligned);
    }
}

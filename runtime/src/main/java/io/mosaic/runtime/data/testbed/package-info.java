/**
 * The built-in testbed: a generator of MOSI-style multimodal sentiment samples whose structure is planted and known.
 *
 * <p>A sample at ({@code seed}, split, index) is computed from its own random stream, so splits are random access,
 * stream without state and never sit in memory. Given its domain d and score y ∈ [−3, 3], with ỹ = y/3:
 * <ul>
 *   <li><b>Label prior</b> ({@link io.mosaic.runtime.data.testbed.Domains}): y is a normal around the domain's mean,
 *       truncated to [−3, 3]; domains lean to alternating signs.</li>
 *   <li><b>Text</b>: [CLS], content words, [SEP], then [PAD]. A content word is a sentiment word (positive with
 *       probability (1 + ỹ)/2), a topic word of domain d (more often when ỹ agrees with the domain's lean) or a filler
 *       ({@link io.mosaic.runtime.data.testbed.Lexicon}). Token features are a fixed, seeded random embedding row
 *       plus context noise, so the text signal travels through the sentiment words.</li>
 *   <li><b>Audio and vision</b> ({@link io.mosaic.runtime.data.testbed.FrameLayout}): frames are held segments
 *       (redundancy) with per-frame jitter and Gaussian feature noise. Invariant dimensions carry ỹ in every domain;
 *       spurious dimensions carry it scaled by a factor that changes sign across domains; in vision the invariant
 *       evidence sits only in a few keyframes.</li>
 *   <li><b>Modality-specific scores</b> ({@link io.mosaic.runtime.data.testbed.Planting#unimodalShift()}, parameter
 *       {@code unimodal-shift}: σ, default 0): each modality s has its own score y_s = y + δ_s, δ_s ~ N(0, σ²) per
 *       sample and modality (truncated so that y_s ∈ [−3, 3], drawn from a stream of their own), and every cue of
 *       that modality above reads ỹ_s = y_s/3 instead of ỹ. Samples carry y_s as their unimodal scores
 *       ({@link io.mosaic.runtime.data.Sample#modalityScores()}; y itself when σ = 0), exported as SIMS-style
 *       {@code regression_labels_T/A/V}: a known truth for self-supervised unimodal labels (ULGM).</li>
 * </ul>
 * By default all splits are drawn from the same uniform mixture of domains. A
 * {@link io.mosaic.runtime.data.testbed.DomainSplit} draws train and valid from source domains and test from target
 * domains instead (parameters {@code train-domains} and {@code test-domains}), so that the label prior and the sign
 * of the spurious signal shift between training and test; each sample records its domain either way. Every strength
 * lives in {@link io.mosaic.runtime.data.testbed.Planting}, where zero switches a structure off.
 *
 * <p>The presets are in {@link io.mosaic.runtime.data.testbed.TestbedConfig#preset(String)}: {@code tiny},
 * {@code tiny-aligned}, {@code mosi-like}, {@code mosi-aligned}, {@code mosei-like} and {@code meld-like}. The
 * {@code -aligned} presets are word-aligned (MMSA's {@code aligned_50} shapes): audio and vision have one frame per
 * text position and each sample's text length.
 */
package io.mosaic.runtime.data.testbed;

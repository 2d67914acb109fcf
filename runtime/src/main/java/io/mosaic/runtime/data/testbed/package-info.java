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
 * </ul>
 * All splits are drawn from the same uniform mixture of domains; each sample records its domain, so
 * out-of-distribution splits can be selected from it. Every strength lives in
 * {@link io.mosaic.runtime.data.testbed.Planting}, where zero switches a structure off.
 */
package io.mosaic.runtime.data.testbed;

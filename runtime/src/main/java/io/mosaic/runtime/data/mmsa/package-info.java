/**
 * Feature files in the MMSA layout as Mosaic datasets: MMSA's pickles ({@code source: mmsa}) and users' own
 * {@code .npz} exports of the same layout ({@code source: npz}).
 *
 * <h2>Layout</h2>
 * The file has the splits {@code train}, {@code valid} and {@code test}; each split has the same keys. N is the
 * number of ids, and every value with a length has N rows.
 * <table>
 *   <caption>Keys Mosaic reads</caption>
 *   <tr><th>key</th><th>shape</th><th>use</th></tr>
 *   <tr><td>{@code id}</td><td>[N] str</td><td>sample ids</td></tr>
 *   <tr><td>{@code text}</td><td>[N, L, D_t]</td><td>text frames (BERT features); required</td></tr>
 *   <tr><td>{@code text_bert}</td><td>[N, 3, L]</td><td>row 0 token ids, row 1 attention mask (text lengths are
 *       its sums); optional</td></tr>
 *   <tr><td>{@code token_ids}</td><td>[N, L]</td><td>token ids without a mask, instead of {@code text_bert} (text
 *       lengths end after the last non-zero id); optional</td></tr>
 *   <tr><td>{@code audio}, {@code vision}</td><td>[N, T, D]</td><td>frames; required</td></tr>
 *   <tr><td>{@code audio_lengths}, {@code vision_lengths}</td><td>[N] ints in [0, T]</td><td>authoritative lengths
 *       of unaligned files; an aligned file omits them, has the text's L steps and uses the text lengths</td></tr>
 *   <tr><td>{@code regression_labels}</td><td>[N] or [N, 1]</td><td>the sentiment score; required</td></tr>
 *   <tr><td>{@code regression_labels_T}, {@code _A}, {@code _V}</td><td>[N]</td><td>unimodal scores (SIMS' human
 *       labels, a testbed export's modality-specific scores), kept as
 *       {@link io.mosaic.runtime.data.Sample#modalityScores()}; optional</td></tr>
 *   <tr><td>{@code classification_labels}</td><td>[N] ints 0, 1, 2</td><td>MMSA's 3 classes (negative,
 *       neutral, positive), the samples' classes with {@code labels: file}, then required; else only checked for N
 *       rows</td></tr>
 * </table>
 * Without {@code text_bert} or {@code token_ids}, samples carry no token ids and the text lengths end after the last
 * text frame that is not all zeros. With {@code tokenizer: tokenizer.json}, {@code raw_text} ([N] str) is tokenised
 * into the token ids instead ({@link io.mosaic.runtime.data.tokenizer.TokenizerFile}), and a file with its own ids
 * refuses the setting. Other keys ({@code annotations}, ...) are only checked for N rows. Audio values that are not
 * finite ({@code -inf}, NaN) are read as 0, as MMSA's loader does for {@code -inf}; text and vision values must be
 * finite, labels finite and within the file's scale give or take 0.01, and every split needs a sample (see {@code
 * ValueProblems}). The scale ({@code scale:} {@code mosi} [-3, 3] or {@code sims} [-1, 1]) is by default ({@code auto})
 * SIMS' when the file has unimodal labels and every label lies within [-1, 1], else MOSI's (see {@code LabelScale}). A
 * file's samples are domain 0; with {@code files:} (see {@code FileDomains}) file i's are domain i. Numbers may be
 * float32, float64, int32, int64 or bool; lengths and labels may also be lists.
 *
 * <h2>npz exports</h2>
 * An {@code .npz} archive ({@code numpy.savez(path, **arrays)} or {@code savez_compressed}) holds one array per split
 * and key, named {@code <split>_<key>}: {@code train_id} (a unicode array, e.g. {@code np.array(ids, dtype=str)}),
 * {@code train_text}, {@code train_text_bert} or {@code train_token_ids}, {@code train_audio}, {@code train_vision},
 * {@code train_audio_lengths}, {@code train_vision_lengths}, {@code train_regression_labels}, and the same for
 * {@code valid_} and {@code test_}. Arrays must be C-ordered and little-endian; object arrays are refused (NumPy
 * pickles them), so ids must be a unicode array.
 *
 * <h2>Split files</h2>
 * {@code split-file: path.yaml} replaces the file's splits by a repartition (e.g. an out-of-distribution one): a YAML
 * (or JSON) mapping from split name to a list of sample ids,
 * <pre>
 * train: [03bSnISJMiM$_$1, 03bSnISJMiM$_$2]
 * valid: [0h-zjBukYpk$_$1]
 * test:  [1DmNV9C1hbY$_$3]
 * </pre>
 * with at least {@code train}, {@code valid} and {@code test} (further names of letters, digits, {@code -} and
 * {@code _} add splits). Ids are read as written, never as numbers. Each split lists at least one id; each id must
 * name exactly one sample of the feature file and appear once in the whole split file. Unlisted samples are left out.
 *
 * <h2>Several files as domains</h2>
 * {@code files: [a.pkl, b.pkl, c.pkl]} with {@code train-domains} and {@code test-domains} makes each file a domain
 * with its own splits ({@code FileDomains}): train and valid come from the source files, test from the target files,
 * and the final report adds the source files' test split and each target file's. A target file that is no source is
 * read only for the final evaluation.
 *
 * <h2>Memory</h2>
 * Arrays keep the file's bytes (one copy of the data, read straight from the file); a sample's frames are converted to
 * float32 when it is asked for.
 */
package io.mosaic.runtime.data.mmsa;

/**
 * Writes datasets as feature files in MMSA's layout: MMSA pickles and npz exports that Mosaic's own loaders and
 * Python with NumPy read ({@link io.mosaic.runtime.data.export.MmsaExport}).
 *
 * <p>Writing streams. Every array's shape is known before any sample is computed (unicode arrays are as wide as
 * their longest possible value), so the file is laid out first: the pickle's opcodes with each array's BINBYTES8
 * length, or the zip's local headers and {@code .npy} headers. Then each split is written in one pass over its
 * samples, computed in parallel and consumed in order: every sample's row of every array goes, through a buffer per
 * array, to its place in the file. A sample is computed once, and no split is ever held in memory. The npz's
 * CRC-32s are computed on the way and patched into the local headers before the central directory is appended.
 */
package io.mosaic.runtime.data.export;

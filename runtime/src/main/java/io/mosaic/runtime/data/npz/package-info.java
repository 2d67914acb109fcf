/**
 * NumPy arrays as Mosaic reads them, and NumPy's {@code .npy}/{@code .npz} files.
 *
 * <p>{@link io.mosaic.runtime.data.npz.NdArray} is the array model that both this package's readers and the safe
 * unpickler ({@code io.mosaic.runtime.data.pickle}) produce: C-ordered, little-endian float32, float64, int32, int64
 * and bool arrays ({@link io.mosaic.runtime.data.npz.NumericArray}, which keeps the stored bytes and converts
 * elements on demand, so a loaded file costs its own size once) and string arrays
 * ({@link io.mosaic.runtime.data.npz.TextArray}: unicode {@code <U n} or object arrays of str). Anything else
 * (other dtypes, big-endian or Fortran-ordered data, pickled objects inside {@code .npy}) is refused with a message
 * naming what was found.
 */
package io.mosaic.runtime.data.npz;

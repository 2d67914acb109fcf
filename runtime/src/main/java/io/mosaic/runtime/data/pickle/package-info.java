/**
 * A safe unpickler for data files (MMSA's feature pickles, plain or written by {@code joblib.dump}): it builds dicts,
 * lists, tuples, str, bytes, numbers, booleans, None and NumPy arrays, dtypes and scalars, and refuses everything
 * else.
 *
 * <p>Python's pickle format is a program: GLOBAL/STACK_GLOBAL name any importable callable and REDUCE calls it, so
 * loading an untrusted pickle in Python can run {@code os.system}. Here no Python runs. The unpickler executes the
 * opcodes of protocols 2 to 5 that build plain values; a global is accepted only when it is one of NumPy's array
 * globals (for NumPy 1.x {@code numpy.core.*} and 2.x {@code numpy._core.*} paths), each implemented in Java, and
 * every other global (e.g. {@code os.system}, {@code builtins.eval}, {@code posix.system}) is refused with an error
 * naming the file and the global before anything else happens. Opcodes that construct objects (INST, OBJ, NEWOBJ,
 * NEWOBJ_EX), persistent ids and the extension registry are refused likewise, with one exception for
 * {@code joblib.dump} files: NEWOBJ of joblib's {@code NumpyArrayWrapper}, whose array data follows its BUILD in the
 * file ({@link io.mosaic.runtime.data.pickle.JoblibArray}).
 *
 * <p>Array payloads are read straight from the file into {@link io.mosaic.runtime.data.npz.ByteData} chunks and kept
 * as the arrays' storage, so a loaded file costs its own size once, and payloads beyond 2 GiB are fine. Lengths are
 * checked against the file's size before anything is allocated.
 */
package io.mosaic.runtime.data.pickle;

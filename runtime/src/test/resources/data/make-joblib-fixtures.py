"""Writes the joblib fixtures of io.mosaic.runtime.data.pickle (run: /usr/bin/python3 make-joblib-fixtures.py).

Needs joblib (Debian's python3-joblib 1.2.0, NumPy 1.24). The same seeded MMSA-layout arrays are written twice,
by joblib.dump (NumpyArrayWrapper, the data after the pickle stream) and by pickle.dump, so the tests can require
that both read identically; two more files are joblib dumps the reader must refuse.
"""
import collections
import pickle

import joblib
import numpy as np
from joblib.numpy_pickle import NumpyArrayWrapper

rng = np.random.default_rng(20250214)


def split(prefix, n, steps):
    bert = np.zeros((n, 3, steps))  # float64, as MMSA stores text_bert
    lengths = rng.integers(2, steps + 1, size=n)
    for i, length in enumerate(lengths):
        bert[i, 0, :length] = rng.integers(1000, 3000, size=length)
        bert[i, 0, 0], bert[i, 0, length - 1] = 101, 102
        bert[i, 1, :length] = 1
    return {
        'raw_text': np.array([f'{prefix} sample {i}, said "é"' for i in range(n)], dtype=object),
        'id': np.array([f'{prefix}{i}$_${i % 2}' for i in range(n)], dtype=object),
        'text': rng.standard_normal((n, steps, 4)).astype(np.float32),
        'text_bert': bert,
        'audio': rng.standard_normal((n, 7, 3)).astype(np.float32),
        'vision': rng.standard_normal((n, 5, 2)).astype(np.float32),
        'audio_lengths': rng.integers(1, 8, size=n),
        'vision_lengths': list(rng.integers(1, 6, size=n).astype(np.int32)),
        'regression_labels': rng.uniform(-3, 3, size=n).round(1).astype(np.float32),
        'annotations': np.array(['Positive'] * n, dtype='<U8'),
        'flags': rng.integers(0, 2, size=n).astype(bool),
    }


data = {s: split(s[:2], n, 6) for s, n in (('train', 4), ('valid', 2), ('test', 3))}
joblib.dump(data, 'joblib-mmsa.pkl')
with open('joblib-mmsa-plain.pkl', 'wb') as f:
    pickle.dump(data, f, protocol=4)

# Any other object in a joblib file: collections.OrderedDict must be refused by name.
joblib.dump({'train': collections.OrderedDict(a=np.zeros(2))}, 'joblib-other-object.pkl')

# A wrapper that claims a float32 [65536, 65536, 256] array (4 TiB) in a file of a few hundred bytes.
with open('joblib-huge-claim.pkl', 'wb') as f:
    wrapper = NumpyArrayWrapper(np.ndarray, (1 << 16, 1 << 16, 1 << 8), 'C', np.dtype(np.float32))
    header = pickle.dumps(wrapper, protocol=4)
    f.write(header[:-1] + b'\x00' + bytes(256) + b'.')  # BUILD, no padding, 256 bytes instead of 4 TiB, STOP

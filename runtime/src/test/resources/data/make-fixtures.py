"""Writes the small test fixtures of io.mosaic.runtime.data.{pickle,npz,mmsa} (run: python3 make-fixtures.py).

Needs numpy 2.x (it was run with numpy 2.4.6 and Python 3). Values come from a seeded generator, so the files are
reproducible; the tests' expected numbers were printed from these files with numpy.
"""
import os
import pickle

import numpy as np

rng = np.random.default_rng(20240611)


def token_rows(n, steps, lengths):
    """[n, 3, steps] text_bert: ids [CLS] ... [SEP] then 0, the mask, zero segments."""
    bert = np.zeros((n, 3, steps), dtype=np.int64)
    for i, length in enumerate(lengths):
        bert[i, 0, :length] = rng.integers(1000, 3000, size=length)
        bert[i, 0, 0], bert[i, 0, length - 1] = 101, 102
        bert[i, 1, :length] = 1
    return bert


def split(prefix, n, steps, text_dim, audio, vision, dtype, aligned=False):
    text_lengths = rng.integers(2, steps + 1, size=n)
    text = rng.standard_normal((n, steps, text_dim)).astype(dtype)
    for i, length in enumerate(text_lengths):
        text[i, length:] = 0
    a_steps = steps if aligned else audio[0]
    v_steps = steps if aligned else vision[0]
    values = {
        'raw_text': np.array([f'{prefix} sample {i}' for i in range(n)], dtype=object),
        'id': np.array([f'{prefix}{i}$_${i % 2}' for i in range(n)]),
        'text': text,
        'text_bert': token_rows(n, steps, text_lengths),
        'audio': rng.standard_normal((n, a_steps, audio[1])).astype(dtype),
        'vision': rng.standard_normal((n, v_steps, vision[1])).astype(dtype),
        'regression_labels': rng.uniform(-3, 3, size=n).round(1).astype(dtype),
    }
    if not aligned:
        values['audio_lengths'] = rng.integers(1, a_steps + 1, size=n)
        values['vision_lengths'] = rng.integers(1, v_steps + 1, size=n)
    return values


def dump(name, value, protocol):
    with open(name, 'wb') as f:
        pickle.dump(value, f, protocol=protocol)


# numpy 2.x paths, pickle protocol 5 (numpy._core.numeric._frombuffer), float64, <U ids, ids unique in the file.
dump('mmsa-numpy2-p5-f64.pkl', {s: split(s[:2], n, 6, 8, (10, 3), (7, 4), np.float64)
                                for s, n in (('train', 4), ('valid', 2), ('test', 2))}, 5)

# Aligned layout (audio and vision have the text's steps, no *_lengths), protocol 4 (numpy._core _reconstruct),
# with a top-level 'config' as MMSA-FET writes it.
aligned = {s: split('al' + s[:1], n, 5, 4, (0, 3), (0, 2), np.float32, aligned=True)
           for s, n in (('train', 3), ('valid', 2), ('test', 2))}
aligned['config'] = {'featurePath': 'aligned.pkl', 'seq_lens': [5, 5, 5]}
dump('mmsa-aligned-p4.pkl', aligned, 4)

# SIMS-like, protocol 2 (GLOBAL opcodes, bytes as _codecs.encode): unimodal labels, -inf and NaN in audio,
# lengths as lists of numpy int64 scalars (numpy._core.multiarray.scalar), labels in [-1, 1].
sims = {}
for s, n in (('train', 3), ('valid', 2), ('test', 2)):
    values = split('si' + s[:1], n, 4, 4, (6, 2), (3, 2), np.float32)
    values['audio'][0, 0, 0] = -np.inf
    values['audio'][0, 1, 1] = np.nan
    values['audio_lengths'] = list(values['audio_lengths'])
    values['vision_lengths'] = list(values['vision_lengths'])
    values['regression_labels'] = (values['regression_labels'] / 3).round(1).astype(np.float32)
    for m in 'TAV':
        values['regression_labels_' + m] = rng.choice([-1.0, -0.8, 0.0, 0.4, 1.0], size=n).astype(np.float32)
        values['classification_labels_' + m] = np.sign(values['regression_labels_' + m]).astype(np.int64) + 1
    sims[s] = values
dump('mmsa-sims-like-p2.pkl', sims, 2)

# An npz export: <split>_<key> arrays, token_ids [N, L] instead of text_bert, compressed.
export = {}
for s, n in (('train', 3), ('valid', 2), ('test', 2)):
    values = split('np' + s[:1], n, 5, 3, (4, 2), (6, 3), np.float32)
    values['token_ids'] = values.pop('text_bert')[:, 0, :].astype(np.int32)
    values.pop('raw_text')
    for key, array in values.items():
        export[f'{s}_{key}'] = array
np.savez_compressed('mmsa-export.npz', **export)
# The same export without token ids: data an encoder that reads token ids is refused on.
np.savez_compressed('npz-no-token-ids.npz', **{k: v for k, v in export.items() if not k.endswith('_token_ids')})


class Call:
    """Pickles as a call of `function(*args)`: what a malicious pickle does."""

    def __init__(self, function, *args):
        self.function, self.args = function, args

    def __reduce__(self):
        return self.function, self.args


marker = '/tmp/mosaic-unpickler-must-not-create-this'
# GLOBAL 'posix system' (protocol 2) as the whole file.
dump('malicious-posix-system-p2.pkl', Call(os.system, 'touch ' + marker), 2)
# STACK_GLOBAL 'builtins eval' (protocol 4) hidden inside an MMSA-like dict, after a valid array.
dump('malicious-eval-in-split-p4.pkl', {'train': {'id': np.array(['a']),
                                                  'text': Call(eval, f"__import__('os').system('touch {marker}')")}}, 4)

# numpy arrays Mosaic refuses: Fortran order (protocol 4 and 5) and an unsupported dtype.
dump('numpy-fortran-p4.pkl', {'a': np.asfortranarray(np.arange(6, dtype=np.float32).reshape(2, 3))}, 4)
dump('numpy-fortran-p5.pkl', {'a': np.asfortranarray(np.arange(6, dtype=np.float32).reshape(2, 3))}, 5)
dump('numpy-float16-p4.pkl', {'a': np.arange(3, dtype=np.float16)}, 4)
# Every supported element type, numpy 2.x protocol 4: scalars and arrays.
dump('numpy-types-p4.pkl', {
    'f4': np.array([1.5, -2.25], dtype=np.float32), 'f8': np.array([[1e300, -0.1]]),
    'i4': np.array([-7, 2 ** 31 - 1], dtype=np.int32), 'i8': np.array([2 ** 40 + 1, -5]),
    'b1': np.array([True, False, True]), 'u': np.array(['ab', 'ümlaut', '']), 'o': np.array(['x', 'yy'], dtype=object),
    's4': np.float32(0.5), 's8': np.int64(-3), 'sb': np.bool_(True), 'su': np.str_('hi'),
    'plain': [1, 2 ** 70, -3, 1.5, None, True, (1, 'two'), b'raw', 'text'],
}, 4)

# npz files the npz source refuses: an array not named <split>_<key>, and valid_audio_lengths with 3 rows for 2 ids.
np.savez('npz-bad-name.npz', training_audio=np.zeros((1, 2, 2), dtype=np.float32))
wrong = dict(export)
wrong['valid_audio_lengths'] = np.array([1, 2, 3])
np.savez('npz-wrong-lengths.npz', **wrong)

"""Mosaic's checkpoints in PyTorch: the parameters of a run's `checkpoints/last.ckpt` (a zip with `state.json`, which
names the parameters in order, and `parameters.ndlist`, DJL's NDList encoding), copied into a reference's modules in
the same order, and the last validation loss of the run's `epochs.csv`, which those weights gave.

DJL's NDList encoding (NDList.encode / NDArray.encode, version 3), big-endian: int count, then per array UTF "NDAR",
int version, byte has-name (then UTF name), UTF sparse format, UTF data type, int rank and a long per dimension, int
layout length and a char per axis, one byte '<' or '>' for the data's byte order, int byte count and the data.
"""
import csv, io, json, os, struct, zipfile

import torch

DTYPES = {'FLOAT32': (torch.float32, 4), 'FLOAT64': (torch.float64, 8), 'INT64': (torch.int64, 8),
          'INT32': (torch.int32, 4)}


class CheckpointError(Exception):
    pass


class Reader:
    def __init__(self, data, source):
        self.data, self.at, self.source = data, 0, source

    def take(self, n, what):
        if n < 0 or self.at + n > len(self.data):
            raise CheckpointError(f'{self.source}: ends inside {what} at byte {self.at} (needs {n} more, '
                                  f'{len(self.data) - self.at} left)')
        chunk = self.data[self.at:self.at + n]; self.at += n
        return chunk

    def unpack(self, fmt, what):
        return struct.unpack('>' + fmt, self.take(struct.calcsize('>' + fmt), what))

    def utf(self, what):
        (n,) = self.unpack('H', what)
        return self.take(n, what).decode('utf-8')


def read_ndlist(data, source='ndlist'):
    """The arrays of an NDList encoding, as float tensors of their shapes."""
    r = Reader(data, source)
    (count,) = r.unpack('i', 'the array count')
    if not 0 <= count <= 100_000:
        raise CheckpointError(f'{source}: {count} arrays, not an NDList')
    arrays = []
    for i in range(count):
        what = f'array {i}'
        if r.utf(what) != 'NDAR':
            raise CheckpointError(f'{source}: {what} does not start with NDAR')
        (version,) = r.unpack('i', what)
        if version != 3:
            raise CheckpointError(f'{source}: {what} has encoding version {version}, this reader knows 3')
        if r.unpack('b', what)[0]:
            r.utf(what)
        if r.utf(what) != 'DENSE':
            raise CheckpointError(f'{source}: {what} is sparse')
        dtype = r.utf(what)
        if dtype not in DTYPES:
            raise CheckpointError(f'{source}: {what} has data type {dtype}, expected one of {", ".join(DTYPES)}')
        (rank,) = r.unpack('i', what)
        if not 0 <= rank <= 8:
            raise CheckpointError(f'{source}: {what} has rank {rank}')
        shape = r.unpack('q' * rank, what)
        (axes,) = r.unpack('i', what)
        r.take(2 * axes, what)
        order = r.take(1, what)
        (nbytes,) = r.unpack('i', what)
        torch_type, width = DTYPES[dtype]
        elements = 1
        for n in shape:
            elements *= n
        if nbytes != elements * width:
            raise CheckpointError(f'{source}: {what} declares shape {list(shape)} of {dtype} but holds {nbytes} bytes')
        raw = bytearray(r.take(nbytes, what))
        t = torch.frombuffer(raw, dtype=torch_type) if nbytes else torch.zeros(0, dtype=torch_type)
        if order == b'>':
            t = t.view(torch.uint8).reshape(-1, width).flip(1).reshape(-1).view(torch_type)
        arrays.append(t.reshape(shape).clone())
    return arrays


def load_checkpoint(path):
    """[(name, tensor)] of a Mosaic checkpoint's parameters, in the order the checkpoint names them."""
    try:
        with zipfile.ZipFile(path) as z:
            names = json.loads(z.read('state.json'))['parameters']
            arrays = read_ndlist(z.read('parameters.ndlist'), f'{path}: parameters.ndlist')
    except (zipfile.BadZipFile, KeyError, ValueError) as e:
        raise CheckpointError(f'{path}: not a Mosaic checkpoint ({type(e).__name__}: {e})') from None
    if len(names) != len(arrays):
        raise CheckpointError(f'{path}: state.json names {len(names)} parameters, parameters.ndlist holds {len(arrays)}')
    return list(zip(names, arrays))


def copy_into(parameters, checkpoint, source):
    """Copies the checkpoint's arrays into `parameters` (a list of torch parameters in Mosaic's order)."""
    if len(parameters) != len(checkpoint):
        raise CheckpointError(f'{source}: {len(checkpoint)} parameters, the reference has {len(parameters)}')
    with torch.no_grad():
        for p, (name, array) in zip(parameters, checkpoint):
            if tuple(p.shape) != tuple(array.shape):
                raise CheckpointError(f'{source}: {name} is {list(array.shape)}, the reference\'s parameter in its '
                                      f'place is {list(p.shape)}')
            p.copy_(array)


def last_validation_loss(run_folder):
    """The valid_loss of the last row of a run's epochs.csv: the loss of the weights in checkpoints/last.ckpt."""
    path = os.path.join(run_folder, 'epochs.csv')
    with open(path, newline='') as f:
        rows = list(csv.DictReader(f))
    if not rows or 'valid_loss' not in rows[-1]:
        raise CheckpointError(f'{path}: no row with a valid_loss column')
    return float(rows[-1]['valid_loss']), int(rows[-1]['epoch'])

"""checkpoint.py's reader of DJL's NDList encoding and Mosaic's checkpoints: cd bench && /usr/bin/python3 -m unittest test_checkpoint"""
import io, json, os, struct, tempfile, unittest, zipfile

import torch

import checkpoint


def utf(text):
    data = text.encode('utf-8')
    return struct.pack('>H', len(data)) + data


def ndarray(values, shape, name=None, order=b'<', dtype='FLOAT32', fmt='f'):
    """One array as NDArray.encode writes it (version 3)."""
    out = utf('NDAR') + struct.pack('>i', 3)
    out += (b'\x01' + utf(name)) if name else b'\x00'
    out += utf('DENSE') + utf(dtype) + struct.pack('>i', len(shape)) + struct.pack('>' + 'q' * len(shape), *shape)
    out += struct.pack('>i', len(shape)) + '?'.encode('utf-16-be') * len(shape) + order
    data = struct.pack(order.decode() + fmt * len(values), *values)
    return out + struct.pack('>i', len(data)) + data


def ndlist(*arrays):
    return struct.pack('>i', len(arrays)) + b''.join(arrays)


class NdListTest(unittest.TestCase):
    def test_reads_shapes_and_values_in_either_byte_order(self):
        arrays = checkpoint.read_ndlist(ndlist(ndarray([1, 2, 3, 4, 5, 6], (2, 3), 'weight'),
                                               ndarray([0.5, -1.5], (2,), order=b'>')))
        self.assertEqual(len(arrays), 2)
        self.assertTrue(torch.equal(arrays[0], torch.tensor([[1., 2, 3], [4, 5, 6]])))
        self.assertTrue(torch.equal(arrays[1], torch.tensor([0.5, -1.5])))

    def test_a_truncated_array_is_named(self):
        data = ndlist(ndarray([1, 2, 3, 4], (4,)), ndarray([1, 2], (2,)))
        with self.assertRaisesRegex(checkpoint.CheckpointError, r'^x: ends inside array 1'):
            checkpoint.read_ndlist(data[:-3], 'x')

    def test_refuses_a_size_other_than_the_shape_declares(self):
        data = ndlist(ndarray([1, 2, 3], (2, 2)))
        with self.assertRaisesRegex(checkpoint.CheckpointError, r'array 0 declares shape \[2, 2\] of FLOAT32 but holds 12 bytes'):
            checkpoint.read_ndlist(data)

    def test_refuses_an_unknown_data_type(self):
        with self.assertRaisesRegex(checkpoint.CheckpointError, 'data type FLOAT16'):
            checkpoint.read_ndlist(ndlist(ndarray([1], (1,), dtype='FLOAT16', fmt='e')))


class CheckpointTest(unittest.TestCase):
    def write(self, folder, names, arrays):
        path = os.path.join(folder, 'last.ckpt')
        with zipfile.ZipFile(path, 'w') as z:
            z.writestr('state.json', json.dumps(dict(state={}, parameters=names)))
            z.writestr('parameters.ndlist', ndlist(*arrays))
        return path

    def test_copies_the_arrays_into_parameters_in_order(self):
        with tempfile.TemporaryDirectory() as folder:
            path = self.write(folder, ['a/weight', 'a/bias'], [ndarray([1, 2, 3, 4, 5, 6], (3, 2)), ndarray([7, 8, 9], (3,))])
            linear = torch.nn.Linear(2, 3)
            checkpoint.copy_into(list(linear.parameters()), checkpoint.load_checkpoint(path), path)
            self.assertTrue(torch.equal(linear.weight, torch.tensor([[1., 2], [3, 4], [5, 6]])))
            self.assertTrue(torch.equal(linear.bias, torch.tensor([7., 8, 9])))

    def test_a_shape_mismatch_names_the_parameter(self):
        with tempfile.TemporaryDirectory() as folder:
            path = self.write(folder, ['a/weight', 'a/bias'], [ndarray([1, 2, 3, 4, 5, 6], (2, 3)), ndarray([7, 8, 9], (3,))])
            with self.assertRaisesRegex(checkpoint.CheckpointError, r"a/weight is \[2, 3\], the reference's parameter in its place is \[3, 2\]"):
                checkpoint.copy_into(list(torch.nn.Linear(2, 3).parameters()), checkpoint.load_checkpoint(path), path)

    def test_the_last_validation_loss_of_epochs_csv(self):
        with tempfile.TemporaryDirectory() as folder:
            with open(os.path.join(folder, 'epochs.csv'), 'w') as f:
                f.write('epoch,stage,train_loss,valid_loss\n1,text,1.9,21.5\n2,vision,7.6,3.134130\n')
            self.assertEqual(checkpoint.last_validation_loss(folder), (3.13413, 2))

    def test_what_is_no_zip_is_refused(self):
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, 'last.ckpt')
            with open(path, 'wb') as f:
                f.write(b'not a zip')
            with self.assertRaisesRegex(checkpoint.CheckpointError, 'not a Mosaic checkpoint'):
                checkpoint.load_checkpoint(path)


if __name__ == '__main__':
    unittest.main()

"""Writes the parity fixtures of LstmEncoderTest with torch (Debian's python3-torch 1.13, CPU, eval mode).

Run from this folder: /usr/bin/python3 make-fixtures.py
Each fixture holds one tensor a line, "name<TAB>shape<TAB>values": the weights of torch's nn.LSTM and of the
nn.Linear after it (biases drawn at random too, so that they matter), the input x [B, T, D] whose padding holds
large values, its lengths and y, MMSA's AuViSubNet in eval mode: Linear(h_n of the last layer) after running the
LSTM over pack_padded_sequence(x, lengths).
"""
import torch

torch.manual_seed(13)


def write(path, tensors):
    with open(path, "w") as out:
        for name, tensor in tensors.items():
            t = tensor.detach().to(torch.float64).reshape(-1)
            shape = "x".join(str(n) for n in tensor.shape)
            out.write(name + "\t" + shape + "\t" + " ".join("%.9g" % v for v in t.tolist()) + "\n")


def fixture(path, inputs, hidden, out, layers, lengths, steps):
    lstm = torch.nn.LSTM(inputs, hidden, num_layers=layers, dropout=0.3 if layers > 1 else 0.0,
                         batch_first=True).eval()
    linear = torch.nn.Linear(hidden, out).eval()
    x = torch.rand(len(lengths), steps, inputs) * 2 - 1
    lengths = torch.tensor(lengths)
    padding = torch.arange(steps).unsqueeze(0) >= lengths.unsqueeze(1)
    x[padding] = 50.0
    with torch.no_grad():
        packed = torch.nn.utils.rnn.pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False)
        _, (h_n, _) = lstm(packed)
        y = linear(h_n[-1])
    tensors = dict(lstm.named_parameters())
    tensors.update({"linear.weight": linear.weight, "linear.bias": linear.bias})
    tensors.update({"x": x, "lengths": lengths, "y": y})
    write(path, tensors)


fixture("one-layer.tsv", inputs=3, hidden=4, out=2, layers=1, lengths=[5, 2, 1, 3], steps=5)
fixture("two-layers.tsv", inputs=3, hidden=4, out=3, layers=2, lengths=[3, 5, 2], steps=5)

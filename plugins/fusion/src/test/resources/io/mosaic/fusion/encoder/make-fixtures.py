"""Writes the parity fixtures of TransformerEncoderTest with torch (Debian's python3-torch 1.13, CPU, eval mode).

Run from this folder: /usr/bin/python3 make-fixtures.py
Each fixture holds one tensor a line, "name<TAB>shape<TAB>values": the weights of torch's nn.TransformerEncoder
(LayerNorm weights and biases drawn at random too, so that they matter), the input x [B, T, D], its lengths and
torch's output y with the padding steps masked as keys (src_key_padding_mask).
"""
import torch

torch.manual_seed(11)


def write(path, tensors):
    with open(path, "w") as out:
        for name, tensor in tensors.items():
            t = tensor.detach().to(torch.float64).reshape(-1)
            shape = "x".join(str(n) for n in tensor.shape)
            out.write(name + "\t" + shape + "\t" + " ".join("%.9g" % v for v in t.tolist()) + "\n")


def fixture(path, layers, d_model, heads, ffn, norm_first, lengths, steps):
    layer = torch.nn.TransformerEncoderLayer(d_model, heads, dim_feedforward=ffn, dropout=0.1,
                                             batch_first=True, norm_first=norm_first)
    encoder = torch.nn.TransformerEncoder(layer, layers, enable_nested_tensor=False).eval()
    with torch.no_grad():
        for name, p in encoder.named_parameters():
            if "norm" in name or name.endswith("bias"):
                p.copy_(torch.rand_like(p) * 2 - 1)
    x = torch.rand(len(lengths), steps, d_model) * 2 - 1
    lengths = torch.tensor(lengths)
    padding = torch.arange(steps).unsqueeze(0) >= lengths.unsqueeze(1)
    with torch.no_grad():
        y = encoder(x, src_key_padding_mask=padding)
    tensors = dict(encoder.named_parameters())
    tensors.update({"x": x, "lengths": lengths, "y": y})
    write(path, tensors)


fixture("post-norm.tsv", layers=1, d_model=6, heads=2, ffn=16, norm_first=False, lengths=[4, 3], steps=4)
fixture("pre-norm.tsv", layers=2, d_model=6, heads=3, ffn=10, norm_first=True, lengths=[2, 4], steps=4)

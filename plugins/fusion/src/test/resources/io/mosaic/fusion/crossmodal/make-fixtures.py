"""Writes the parity fixtures of CrossmodalFusionTest with torch (Debian's python3-torch 1.13, CPU, eval mode).

Run from this folder: /usr/bin/python3 make-fixtures.py
The modules below are MulT's (Tsai et al., 2019) as its official code computes them (modules/transformer.py,
multihead_attention.py, position_embedding.py, src/models.py), written here from that code's math:
- the embedding x * sqrt(D) + pe, pe fairseq's sinusoidal table [sin(p w_i) | cos(p w_i)], w_i = 10000^(-i/(h-1)),
  at position p = t + 1, position 0 (a zero row) where the step's first feature is 0;
- pre-LN layers, one LayerNorm for the query and the key/value alike, a packed in-projection [3D, D] with bias,
  q scaled by (D/h)^-0.5, out_proj; the FFN D -> 4D -> D; a final LayerNorm;
- per target, the crossmodal transformers from the other modalities in the order text, audio, vision, concatenated
  along features, then the self-attention "memory" over them;
- the future mask triu(-inf, 1 + |T_k - T_q|) of the official attn_mask.
"quirks.tsv" is the official code as it is (padding attended, positions from the first feature) with the future
mask on. "masked.tsv" is Mosaic's default: padding keys masked with -inf, every step at position t + 1, padded output
steps 0, no future mask. "layer.tsv" is one crossmodal layer with the source's padding keys masked.
Each fixture holds one tensor a line, "name<TAB>shape<TAB>values"; parameters carry Mosaic's names (mosaic_name).
plugins/models' MultPipelineTest fixture script imports the modules below.
"""
import math
import re

import torch
import torch.nn.functional as F
from torch import nn

D, HEADS, LAYERS, MEMORY_LAYERS = 8, 2, 2, 3
MODALITIES = ["text", "audio", "vision"]
STEPS = {"text": 5, "audio": 7, "vision": 6}
LENGTHS = {"text": [5, 3], "audio": [7, 4], "vision": [2, 6]}


def positions(x, from_first_feature):
    """fairseq's SinusoidalPositionalEmbedding with padding_idx 0 for x [B, T, D']."""
    b, t, dim = x.shape
    half = dim // 2
    rate = math.log(10000) / (half - 1)
    w = torch.exp(torch.arange(half, dtype=torch.float) * -rate)
    table = torch.arange(t + 1, dtype=torch.float).unsqueeze(1) * w.unsqueeze(0)
    table = torch.cat([torch.sin(table), torch.cos(table)], dim=1)
    if dim % 2 == 1:
        table = torch.cat([table, torch.zeros(t + 1, 1)], dim=1)
    table[0, :] = 0
    p = torch.arange(1, t + 1).unsqueeze(0).expand(b, t)
    if from_first_feature:
        p = p * x[:, :, 0].ne(0).long()
    return table[p]


class Attention(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.in_proj_weight = nn.Parameter(torch.empty(3 * dim, dim))
        self.in_proj_bias = nn.Parameter(torch.empty(3 * dim))
        self.out_proj = nn.Linear(dim, dim)
        self.dim = dim

    def forward(self, query, key, value, bias):
        d, w, b = self.dim, self.in_proj_weight, self.in_proj_bias
        split = lambda x: x.view(x.shape[0], x.shape[1], HEADS, d // HEADS).transpose(1, 2)
        q = split(F.linear(query, w[:d], b[:d]) * (d // HEADS) ** -0.5)
        k = split(F.linear(key, w[d:2 * d], b[d:2 * d]))
        v = split(F.linear(value, w[2 * d:], b[2 * d:]))
        weights = torch.softmax(q @ k.transpose(-2, -1) + bias, dim=-1)
        context = (weights @ v).transpose(1, 2).reshape(query.shape[0], query.shape[1], d)
        return self.out_proj(context)


class Layer(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.self_attn = Attention(dim)
        self.fc1 = nn.Linear(dim, 4 * dim)
        self.fc2 = nn.Linear(4 * dim, dim)
        self.layer_norms = nn.ModuleList([nn.LayerNorm(dim) for _ in range(2)])

    def forward(self, x, source, bias):
        y = self.layer_norms[0](x)
        kv = y if source is None else self.layer_norms[0](source)
        x = x + self.self_attn(y, kv, kv, bias)
        return x + self.fc2(F.relu(self.fc1(self.layer_norms[1](x))))


class Encoder(nn.Module):
    def __init__(self, dim, layers):
        super().__init__()
        self.layers = nn.ModuleList([Layer(dim) for _ in range(layers)])
        self.layer_norm = nn.LayerNorm(dim)

    def forward(self, x, source, bias, quirks):
        embed = lambda z: math.sqrt(z.shape[-1]) * z + positions(z, quirks)
        x = embed(x)
        source = None if source is None else embed(source)
        for layer in self.layers:
            x = layer(x, source, bias)
        return self.layer_norm(x)


def mask_bias(key_valid, queries, future):
    """[B, 1, T_q, T_k]: -inf at the keys not attended."""
    b, keys = key_valid.shape
    bias = torch.zeros(b, 1, queries, keys)
    bias = bias.masked_fill(~key_valid[:, None, None, :], float("-inf"))
    if future:
        bias = bias + torch.triu(torch.full((queries, keys), float("-inf")), 1 + abs(keys - queries))
    return bias


def valid(m):
    return torch.arange(STEPS[m]).unsqueeze(0) < torch.tensor(LENGTHS[m]).unsqueeze(1)


def mosaic_name(name):
    """torch's parameter name -> Mosaic's (the DJL names without their two-digit child prefixes)."""
    memory = "-memory." in name
    name = re.sub(r"layers\.(\d+)\.", r"layer\1.", name)
    name = name.replace("self_attn.in_proj_weight", "attention.inProjection.projection.weight" if memory
                        else "attention.inWeight")
    name = name.replace("self_attn.in_proj_bias", "attention.inProjection.projection.bias" if memory
                        else "attention.inBias")
    name = name.replace("self_attn.out_proj", "attention.output")
    name = name.replace("fc1", "feedForward.fc1").replace("fc2", "feedForward.fc2")
    name = re.sub(r"layer_norms\.(\d)\.", r"norm\1.", name).replace("layer_norm.", "norm.")
    name = re.sub(r"norm(\d?)\.weight", r"norm\1.gamma", name)
    name = re.sub(r"norm(\d?)\.bias", r"norm\1.beta", name)
    return name.replace(".", "_")


def randomise(module):
    with torch.no_grad():
        for p in module.parameters():
            p.copy_(torch.rand_like(p) * 2 - 1)


def write(path, tensors):
    with open(path, "w") as out:
        for name, tensor in tensors.items():
            t = tensor.detach().to(torch.float64).reshape(-1)
            shape = "x".join(str(n) for n in tensor.shape)
            out.write(name + "\t" + shape + "\t" + " ".join("%.9g" % v for v in t.tolist()) + "\n")


def fusion_fixture(path, quirks, future):
    modules = nn.ModuleDict()
    for target in MODALITIES:
        for source in MODALITIES:
            if source != target:
                modules[target + "-from-" + source] = Encoder(D, LAYERS)
        modules[target + "-memory"] = Encoder((len(MODALITIES) - 1) * D, MEMORY_LAYERS)
    randomise(modules)
    modules.eval()
    inputs = {}
    for m in MODALITIES:
        x = torch.rand(2, STEPS[m], D) * 2 - 1
        x[~valid(m)] = 0
        inputs[m] = x
    every = lambda m: torch.ones(2, STEPS[m], dtype=torch.bool)
    seen = every if quirks else valid
    fused = []
    with torch.no_grad():
        for target in MODALITIES:
            t = STEPS[target]
            streams = [modules[target + "-from-" + s](inputs[target], inputs[s], mask_bias(seen(s), t, future), quirks)
                       for s in MODALITIES if s != target]
            h = modules[target + "-memory"](torch.cat(streams, 2), None, mask_bias(seen(target), t, future), quirks)
            if not quirks:
                h = h.masked_fill(~valid(target).unsqueeze(2), 0)
            fused.append(h)
    tensors = {mosaic_name(n): p for n, p in modules.named_parameters()}
    tensors.update({m: inputs[m] for m in MODALITIES})
    tensors.update({m + ".lengths": torch.tensor(LENGTHS[m]) for m in MODALITIES})
    tensors["y"] = torch.cat(fused, 1)
    write(path, tensors)


def layer_fixture(path):
    layer = Layer(D)
    randomise(layer)
    layer.eval()
    x = torch.rand(2, 5, D) * 2 - 1
    source = torch.rand(2, 7, D) * 2 - 1
    lengths = torch.tensor([7, 3])
    source_valid = torch.arange(7).unsqueeze(0) < lengths.unsqueeze(1)
    with torch.no_grad():
        y = layer(x, source, mask_bias(source_valid, 5, False))
    tensors = {mosaic_name(n): p for n, p in layer.named_parameters()}
    tensors.update({"x": x, "source": source, "source.lengths": lengths, "y": y})
    write(path, tensors)


if __name__ == "__main__":
    torch.manual_seed(13)
    layer_fixture("layer.tsv")
    torch.manual_seed(14)
    fusion_fixture("masked.tsv", quirks=False, future=False)
    torch.manual_seed(15)
    fusion_fixture("quirks.tsv", quirks=True, future=True)

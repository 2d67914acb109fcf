"""Writes the parity fixtures of SemanticFusionTest with torch (Debian's python3-torch 1.13, CPU, eval mode).

Run from this folder: /usr/bin/python3 make-fixtures.py
The modules below follow SATI's official fusion as reference/sati.md section 7 describes it (positions added to the
private codes; CrossAttention with Q/K/V without bias and out_proj with bias, text as the query; the FBP gate
Dropout(U s_m * V s_t), sum pooling over windows of k features, L2 normalisation, Linear(o, 1); residual with the
positioned text and one LayerNorm per stream; both streams concatenated), with two changes that Mosaic makes:
padding keys are masked, and the gate is sigmoid(g) unless "hard" (the code's tanh, g/|g|, (s + |s|)/2). "quirks"
uses the audio gate's output layer for vision too, as the code does.
Each fixture holds one tensor a line, "name<TAB>shape<TAB>values".
"""
import math

import torch
import torch.nn.functional as F
from torch import nn

H, HEADS, O, K, T = 8, 2, 3, 2, 4
torch.manual_seed(5)


def positions(steps, dim):
    position = torch.arange(steps).unsqueeze(1).float()
    rate = torch.exp(torch.arange(0, dim, 2).float() * (-math.log(10000.0) / dim))
    pe = torch.zeros(steps, dim)
    pe[:, 0::2] = torch.sin(position * rate)
    pe[:, 1::2] = torch.cos(position * rate)
    return pe


class CrossAttention(nn.Module):
    def __init__(self):
        super().__init__()
        self.query = nn.Linear(H, H, bias=False)
        self.key = nn.Linear(H, H, bias=False)
        self.value = nn.Linear(H, H, bias=False)
        self.output = nn.Linear(H, H)
        self.dropout = nn.Dropout(0.2)

    def forward(self, text, other, padding):
        b, t, _ = text.shape
        split = lambda x: x.view(b, -1, HEADS, H // HEADS).transpose(1, 2)
        q, k, v = split(self.query(text)), split(self.key(other)), split(self.value(other))
        scores = q @ k.transpose(-2, -1) * (H // HEADS) ** -0.5
        scores = scores.masked_fill(padding[:, None, None, :], float("-inf"))
        context = (scores.softmax(-1) @ v).transpose(1, 2).reshape(b, t, H)
        return self.dropout(self.output(context))


class Gate(nn.Module):
    def __init__(self):
        super().__init__()
        self.u = nn.Linear(H, O * K, bias=False)
        self.v = nn.Linear(H, O * K, bias=False)
        self.output = nn.Linear(O, 1)
        self.dropout = nn.Dropout(0.4)

    def forward(self, shared, shared_text, mode, output):
        z = self.dropout(self.u(shared) * self.v(shared_text))
        z = F.avg_pool1d(z, K, K) * K
        g = output(F.normalize(z, dim=-1))
        if mode == "hard":
            s = torch.tanh(g) / torch.tanh(g).abs()
            return (s + s.abs()) / 2
        return torch.sigmoid(g)


class Stream(nn.Module):
    def __init__(self):
        super().__init__()
        self.attention = CrossAttention()
        self.gate = Gate()
        self.norm = nn.LayerNorm(H)


def write(path, tensors):
    with open(path, "w") as out:
        for name, tensor in tensors.items():
            t = tensor.detach().to(torch.float64).reshape(-1)
            shape = "x".join(str(n) for n in tensor.shape)
            out.write(name + "\t" + shape + "\t" + " ".join("%.9g" % v for v in t.tolist()) + "\n")


def fixture(path, mode, quirks):
    streams = nn.ModuleDict({"audio": Stream(), "vision": Stream()}).eval()
    with torch.no_grad():
        for p in streams.parameters():
            p.copy_(torch.rand_like(p) * 2 - 1)
    lengths = {"text": torch.tensor([4, 3]), "audio": torch.tensor([4, 2]), "vision": torch.tensor([3, 3])}
    inputs = {}
    for m in ["text", "audio", "vision"]:
        for name in [m, m + ".shared"]:
            x = torch.rand(2, T, H) * 2 - 1
            x[torch.arange(T).unsqueeze(0) >= lengths[m].unsqueeze(1)] = 0
            inputs[name] = x
    pe = positions(T, H)
    text = inputs["text"] + pe
    outputs, gates = [], {}
    with torch.no_grad():
        for m in ["audio", "vision"]:
            stream = streams[m]
            padding = torch.arange(T).unsqueeze(0) >= lengths[m].unsqueeze(1)
            attended = stream.attention(text, inputs[m] + pe, padding)
            output = streams["audio"].gate.output if quirks else stream.gate.output
            gate = stream.gate(inputs[m + ".shared"], inputs["text.shared"], mode, output)
            gates[m] = gate.squeeze(-1)
            outputs.append(stream.norm(attended * gate + text))
    unused = {"vision.gate.output.weight", "vision.gate.output.bias"} if quirks else set()
    tensors = {name: p for name, p in streams.named_parameters() if name not in unused}
    tensors.update(inputs)
    tensors.update({m + ".lengths": lengths[m] for m in lengths})
    tensors.update({"gate." + m: gates[m] for m in gates})
    tensors["y"] = torch.cat(outputs, -1)
    write(path, tensors)


fixture("sigmoid.tsv", "sigmoid", quirks=False)
torch.manual_seed(6)
fixture("hard-quirks.tsv", "hard", quirks=True)

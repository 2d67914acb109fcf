"""Writes the TorchScript modules the torchscript-encoder tests load, and what torch computes with them.

Run with Debian's python3-torch (1.13) from this folder:  /usr/bin/python3 make-fixtures.py
The tests need no Python: the .pt files and the recorded outputs are committed beside this script.

  tiny-bert.pt     a BERT-like text encoder: token + position embeddings, LayerNorm, one transformer layer (one
                   attention with two heads, a feed-forward block, post-LayerNorms as BERT has them), over a
                   vocabulary of 200 ids (the testbed's `tiny`); forward(input_ids [B, T] int64,
                   attention_mask [B, T] int64) -> [B, T, 16]
  tiny-frames.pt   a frame encoder: Linear(6 -> 5) then tanh, padding zeroed; forward(frames [B, T, 6] float32,
                   attention_mask [B, T] int64) -> [B, T, 5]
  pooled-bert.pt   tiny-bert's first token only: forward(...) -> [B, 16], a rank the encoder must refuse
  tiny-bert.txt, tiny-frames.txt   the inputs and the outputs torch computes, in TorchFixture's format
"""
import math

import torch
from torch import nn

VOCABULARY = 200
WIDTH = 16
HEADS = 2
FEED_FORWARD = 32
POSITIONS = 32


class TinyBert(nn.Module):
    def __init__(self):
        super().__init__()
        self.word_embeddings = nn.Embedding(VOCABULARY, WIDTH)
        self.position_embeddings = nn.Embedding(POSITIONS, WIDTH)
        self.embeddings_LayerNorm = nn.LayerNorm(WIDTH)
        self.query = nn.Linear(WIDTH, WIDTH)
        self.key = nn.Linear(WIDTH, WIDTH)
        self.value = nn.Linear(WIDTH, WIDTH)
        self.attention_output = nn.Linear(WIDTH, WIDTH)
        self.attention_LayerNorm = nn.LayerNorm(WIDTH)
        self.intermediate = nn.Linear(WIDTH, FEED_FORWARD)
        self.output = nn.Linear(FEED_FORWARD, WIDTH)
        self.output_LayerNorm = nn.LayerNorm(WIDTH)
        self.width = WIDTH
        self.heads = HEADS

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        batch, steps = input_ids.shape
        positions = torch.arange(steps, device=input_ids.device).unsqueeze(0)
        x = self.embeddings_LayerNorm(self.word_embeddings(input_ids) + self.position_embeddings(positions))
        head = self.width // self.heads
        q = self.query(x).view(batch, steps, self.heads, head).transpose(1, 2)
        k = self.key(x).view(batch, steps, self.heads, head).transpose(1, 2)
        v = self.value(x).view(batch, steps, self.heads, head).transpose(1, 2)
        scores = q.matmul(k.transpose(-1, -2)) / math.sqrt(head)
        # BERT's extended attention mask: -10000 at the keys after each sample's length.
        scores = scores + (1.0 - attention_mask[:, None, None, :].to(scores.dtype)) * -10000.0
        context = scores.softmax(-1).matmul(v).transpose(1, 2).reshape(batch, steps, self.width)
        x = self.attention_LayerNorm(x + self.attention_output(context))
        return self.output_LayerNorm(x + self.output(torch.nn.functional.gelu(self.intermediate(x))))


class PooledBert(nn.Module):
    def __init__(self, bert: TinyBert):
        super().__init__()
        self.bert = bert

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        return self.bert(input_ids, attention_mask)[:, 0]


class TinyFrames(nn.Module):
    def __init__(self):
        super().__init__()
        self.projection = nn.Linear(6, 5)

    def forward(self, frames: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        return torch.tanh(self.projection(frames)) * attention_mask.unsqueeze(-1).to(frames.dtype)


def record(path, inputs, lengths, outputs):
    """TorchFixture's format: a line per tensor, `name<TAB>2x12<TAB>values`, row-major, floats written by repr."""
    with open(path, "w") as out:
        for name, tensor in (("input", inputs), ("lengths", lengths), ("output", outputs)):
            flat = tensor.reshape(-1).tolist()
            out.write(name + "\t" + "x".join(str(s) for s in tensor.shape) + "\t"
                      + " ".join(repr(v) for v in flat) + "\n")


def mask_of(lengths, steps):
    return (torch.arange(steps).unsqueeze(0) < lengths.unsqueeze(1)).to(torch.int64)


def main():
    torch.manual_seed(20261204)
    bert = TinyBert().eval()
    # LayerNorm starts at (1, 0); move it so that the tests see every parameter matter.
    with torch.no_grad():
        for module in bert.modules():
            if isinstance(module, nn.LayerNorm):
                module.weight.add_(0.1 * torch.randn_like(module.weight))
                module.bias.add_(0.1 * torch.randn_like(module.bias))
    scripted = torch.jit.script(bert)
    scripted.save("tiny-bert.pt")
    torch.jit.script(PooledBert(bert).eval()).save("pooled-bert.pt")

    steps = 12
    lengths = torch.tensor([12, 7], dtype=torch.int64)
    ids = torch.randint(104, VOCABULARY, (2, steps), dtype=torch.int64)
    ids[:, 0] = 101  # [CLS]
    ids[1, 6] = 102  # [SEP] at the last true position
    ids[1, 7:] = 0   # [PAD]
    with torch.no_grad():
        record("tiny-bert.txt", ids, lengths, scripted(ids, mask_of(lengths, steps)))

    frames = TinyFrames().eval()
    scripted_frames = torch.jit.script(frames)
    scripted_frames.save("tiny-frames.pt")
    frame_lengths = torch.tensor([4, 2], dtype=torch.int64)
    x = torch.randn(2, 4, 6)
    with torch.no_grad():
        record("tiny-frames.txt", x, frame_lengths, scripted_frames(x, mask_of(frame_lengths, 4)))
    print("parameters:", sum(p.numel() for p in bert.parameters()))


if __name__ == "__main__":
    main()

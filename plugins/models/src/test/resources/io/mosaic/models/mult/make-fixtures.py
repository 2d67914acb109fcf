"""Writes the parity fixture of MultPipelineTest with torch (Debian's python3-torch 1.13, CPU, eval mode).

Run from this folder: /usr/bin/python3 make-fixtures.py
The whole MULTModel of MulT's official code (src/models.py) as it computes, written from its math: the temporal
Conv1d projections (k = 1, no bias) to d; for each target l, a, v the crossmodal transformers from the two others and
the self-attention memory, the official code as it is (padding attended, the future mask on: Mosaic's
reference-quirks and future-mask), taken from plugins/fusion's crossmodal make-fixtures.py; the last step h[-1] of
each; proj2(relu(proj1(h))) + h; out_layer. Every sample is full length, so the last step is the last real step.
"official.tsv" holds the parameters under Mosaic's names, the inputs and the prediction, one tensor a line,
"name<TAB>shape<TAB>values".
"""
import os
import runpy

import torch
import torch.nn.functional as F
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
fusion = runpy.run_path(os.path.join(HERE, "../../../../../../../../fusion/src/test/resources/io/mosaic/fusion/"
                                           "crossmodal/make-fixtures.py"))
D, LAYERS, MEMORY_LAYERS = fusion["D"], fusion["LAYERS"], fusion["MEMORY_LAYERS"]
FEATURES = {"text": 6, "audio": 4, "vision": 5}
STEPS = fusion["STEPS"]
MODALITIES = fusion["MODALITIES"]
# Mosaic's names of the projections: the text chain is [dropout, pointwise-projection], the others the projection
PROJECTION = {"text": "text_1_linear_weight", "audio": "audio_linear_weight", "vision": "vision_linear_weight"}


class MulT(nn.Module):
    def __init__(self):
        super().__init__()
        self.projections = nn.ModuleDict({m: nn.Conv1d(FEATURES[m], D, kernel_size=1, bias=False)
                                          for m in MODALITIES})
        self.fusion = nn.ModuleDict()
        for target in MODALITIES:
            for source in MODALITIES:
                if source != target:
                    self.fusion[target + "-from-" + source] = fusion["Encoder"](D, LAYERS)
            self.fusion[target + "-memory"] = fusion["Encoder"](2 * D, MEMORY_LAYERS)
        width = 3 * 2 * D
        self.proj1 = nn.Linear(width, width)
        self.proj2 = nn.Linear(width, width)
        self.out_layer = nn.Linear(width, 1)

    def forward(self, inputs):
        x = {m: self.projections[m](inputs[m].transpose(1, 2)).transpose(1, 2) for m in MODALITIES}
        every = lambda m: torch.ones(x[m].shape[0], STEPS[m], dtype=torch.bool)
        last = []
        for target in MODALITIES:
            t = STEPS[target]
            streams = [self.fusion[target + "-from-" + s](x[target], x[s], fusion["mask_bias"](every(s), t, True),
                                                          True) for s in MODALITIES if s != target]
            h = self.fusion[target + "-memory"](torch.cat(streams, 2), None, fusion["mask_bias"](every(target), t,
                                                                                                 True), True)
            last.append(h[:, -1])
        h = torch.cat(last, 1)
        return self.out_layer(self.proj2(F.relu(self.proj1(h))) + h)


def mosaic_name(name):
    """torch's parameter name -> Mosaic's (the DJL names without their two-digit child prefixes)."""
    if name.startswith("projections."):
        return PROJECTION[name.split(".")[1]]
    if name.startswith("fusion."):
        return "fusion_" + fusion["mosaic_name"](name[len("fusion."):])
    if name.startswith("out_layer."):
        return "head_layers_Linear_" + name.split(".")[1]
    return "joint_" + name.replace(".", "_")


if __name__ == "__main__":
    torch.manual_seed(21)
    model = MulT()
    fusion["randomise"](model)
    model.eval()
    inputs = {m: torch.rand(2, STEPS[m], FEATURES[m]) * 2 - 1 for m in MODALITIES}
    with torch.no_grad():
        y = model(inputs)
    tensors = {mosaic_name(n): p.squeeze(-1) if n.startswith("projections.") else p
               for n, p in model.named_parameters()}
    tensors.update(inputs)
    tensors["y"] = y
    fusion["write"]("official.tsv", tensors)

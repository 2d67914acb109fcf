#!/usr/bin/env python3
"""Export a local HuggingFace BERT, RoBERTa or ELECTRA checkpoint for Mosaic's `torchscript-encoder`.

Run on your side, where `torch` and `transformers` are installed; Mosaic never downloads anything, and this script
reads only the folder you give it (a `save_pretrained` folder: config.json, the weights, the tokenizer files):

    python3 export_hf_torchscript.py --model path/to/bert-base-uncased --out path/to/export --max-tokens 50

It writes into --out:
  encoder.pt        a TorchScript module: forward(input_ids int64 [B, T], attention_mask int64 [B, T])
                    -> token features float32 [B, T, D] (the last hidden state); dropout off (eval mode)
  tokenizer.json    the checkpoint's fast tokenizer, for `data.tokenizer:`
  export.json       what was exported: the width D, the vocabulary size, the special tokens' ids, the torch and
                    transformers versions, the SHA-256 of encoder.pt

and then checks the saved module against the eager model on a sample batch (within 1e-5), so a silently wrong trace
is never handed to Mosaic. The module is traced, not scripted: HuggingFace models trace cleanly for a fixed set of
inputs, and Mosaic always calls it with these two.
"""
import argparse
import hashlib
import json
import os
import sys
import tempfile

import torch


class LastHiddenState(torch.nn.Module):
    """The encoder with Mosaic's calling convention: (ids, mask) -> last hidden state, no pooler, no dict."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, input_ids, attention_mask):
        return self.model(input_ids=input_ids, attention_mask=attention_mask, return_dict=False)[0]


def sample_batch(tokenizer, max_tokens):
    texts = ["this movie was surprisingly good", "i did not like it at all , honestly", ""]
    encoded = tokenizer(texts, padding="max_length", truncation=True, max_length=max_tokens, return_tensors="pt")
    return encoded["input_ids"].long(), encoded["attention_mask"].long()


def atomic_write(path, write):
    folder = os.path.dirname(os.path.abspath(path))
    # torch.jit.save refuses names that start with a dot; the suffix keeps the destination's extension
    handle, temporary = tempfile.mkstemp(dir=folder, prefix="partial-", suffix=os.path.splitext(path)[1])
    os.close(handle)
    try:
        write(temporary)
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.remove(temporary)


def write_text(text):
    def write(path):
        with open(path, "w") as f:
            f.write(text)
    return write


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", required=True, help="a local save_pretrained folder (never a hub name)")
    parser.add_argument("--out", required=True, help="the folder to write encoder.pt, tokenizer.json, export.json")
    parser.add_argument("--max-tokens", type=int, default=50, help="the padded length used to trace and check")
    args = parser.parse_args()
    if not os.path.isdir(args.model):
        sys.exit(f"--model {args.model}: not a folder; give a local save_pretrained folder (nothing is downloaded)")

    import transformers
    from transformers import AutoModel, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(args.model, local_files_only=True)
    if not tokenizer.is_fast:
        sys.exit(f"{args.model}: no fast tokenizer (tokenizer.json) can be built for this checkpoint")
    model = AutoModel.from_pretrained(args.model, local_files_only=True, torchscript=True).eval()
    wrapped = LastHiddenState(model).eval()
    ids, mask = sample_batch(tokenizer, args.max_tokens)
    os.makedirs(args.out, exist_ok=True)

    with torch.no_grad():
        traced = torch.jit.trace(wrapped, (ids, mask))
        expected = wrapped(ids, mask)
    encoder = os.path.join(args.out, "encoder.pt")
    atomic_write(encoder, lambda path: torch.jit.save(traced, path))
    atomic_write(os.path.join(args.out, "tokenizer.json"),
                 lambda path: tokenizer.backend_tokenizer.save(path))

    reloaded = torch.jit.load(encoder).eval()
    with torch.no_grad():
        actual = reloaded(ids, mask)
    error = (actual - expected).abs().max().item()
    if error > 1e-5:
        sys.exit(f"the saved module differs from the eager model by {error:.3g} (> 1e-5): not exported")

    special = {name: tokenizer.convert_tokens_to_ids(token) for name, token in
               [("cls", tokenizer.cls_token), ("sep", tokenizer.sep_token), ("pad", tokenizer.pad_token),
                ("unk", tokenizer.unk_token), ("mask", tokenizer.mask_token)] if token is not None}
    meta = {"source": os.path.basename(os.path.normpath(args.model)), "width": int(expected.shape[-1]),
            "vocabulary": int(tokenizer.vocab_size), "special-tokens": special,
            "max-tokens": args.max_tokens, "torch": torch.__version__, "transformers": transformers.__version__,
            "sha256": sha256(encoder), "checked-max-error": error}
    atomic_write(os.path.join(args.out, "export.json"), write_text(json.dumps(meta, indent=2) + "\n"))
    print(f"wrote {encoder} (width {meta['width']}, vocabulary {meta['vocabulary']}, max error {error:.2g})")


if __name__ == "__main__":
    main()

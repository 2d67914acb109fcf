#!/usr/bin/env python3
"""Export a Keras model (or a TensorFlow SavedModel of your own) for Mosaic's `savedmodel-encoder`.

Run on your side, where TensorFlow is installed; Mosaic never downloads anything:

    python3 export_keras_savedmodel.py --model path/to/face_encoder.keras --out path/to/export --width 512

The model must map frames [B, T, width] (float32) to features [B, T, D] or [B, D]. A model that encodes one frame
at a time ([N, width] -> [N, D], e.g. a VGGFace2 head over precomputed crops' features) is wrapped to apply it to
every frame with --per-frame. The SavedModel gets one signature, `serving_default`, with the input named `frames`
and the output named `features`: the names to give the encoder (`signature`, `input`, `output`). The script
reloads the export and checks it against the Keras model on random frames (within 1e-5) before it reports success.
"""
import argparse
import json
import os
import shutil
import sys
import tempfile

import numpy as np
import tensorflow as tf


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", required=True, help="a local .keras/.h5 file or SavedModel folder")
    parser.add_argument("--out", required=True, help="the SavedModel folder to write (must not exist)")
    parser.add_argument("--width", type=int, required=True, help="the width of one input frame")
    parser.add_argument("--per-frame", action="store_true", help="the model encodes one frame: apply it per frame")
    args = parser.parse_args()
    if os.path.exists(args.out):
        sys.exit(f"--out {args.out} exists; give a new folder (nothing is overwritten)")

    model = tf.keras.models.load_model(args.model, compile=False)

    @tf.function(input_signature=[tf.TensorSpec([None, None, args.width], tf.float32, name="frames")])
    def serve(frames):
        if args.per_frame:
            shape = tf.shape(frames)
            flat = model(tf.reshape(frames, [-1, args.width]), training=False)
            features = tf.reshape(flat, tf.concat([shape[:2], tf.shape(flat)[1:]], axis=0))
        else:
            features = model(frames, training=False)
        return {"features": features}

    module = tf.Module()
    module.model = model
    module.serve = serve
    staging = tempfile.mkdtemp(prefix=".export-", dir=os.path.dirname(os.path.abspath(args.out)))
    try:
        tf.saved_model.save(module, staging, signatures={"serving_default": serve})
        frames = np.random.default_rng(0).standard_normal((2, 7, args.width)).astype(np.float32)
        expected = serve(tf.constant(frames))["features"].numpy()
        actual = tf.saved_model.load(staging).signatures["serving_default"](frames=tf.constant(frames))
        error = float(np.abs(actual["features"].numpy() - expected).max())
        if error > 1e-5:
            sys.exit(f"the SavedModel differs from the Keras model by {error:.3g} (> 1e-5): not exported")
        with open(os.path.join(staging, "export.json"), "w") as f:
            json.dump({"signature": "serving_default", "input": "frames", "output": "features",
                       "width": args.width, "output-shape": list(expected.shape[1:]),
                       "tensorflow": tf.__version__, "checked-max-error": error}, f, indent=2)
        os.replace(staging, args.out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    print(f"wrote {args.out}: signature serving_default, input 'frames', output 'features' {expected.shape[1:]}")


if __name__ == "__main__":
    main()

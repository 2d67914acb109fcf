/** The {@code torchscript-encoder}: a pretrained TorchScript module from the user's file, frozen or fine-tuned. */
package io.mosaic.encoders.torchscript;

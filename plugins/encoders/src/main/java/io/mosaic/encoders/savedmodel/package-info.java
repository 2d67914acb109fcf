/**
 * The {@code savedmodel-encoder}: a frozen TensorFlow SavedModel run through TensorFlow Java, whose tensors cross to
 * DJL and back as bulk buffers. TensorFlow Java comes from the host through the system bundle, as DJL does.
 */
package io.mosaic.encoders.savedmodel;

/**
 * Tensor Fusion (Zadeh et al., "Tensor Fusion Network for Multimodal Sentiment Analysis", EMNLP 2017) as a Mosaic
 * fusion component, shipped by a third party.
 */
package org.example.mosaic.tfn;

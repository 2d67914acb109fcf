/**
 * CIDer's Model-Agnostic Causal Inference (MACI): the {@code mcm} head, a backdoor adjustment over a class-conditional
 * confounder dictionary, and the {@code counterfactual-text} debiaser, which subtracts the model's output on text
 * that keeps only special tokens and bias words. Both fit their state from the training split alone.
 */
package io.mosaic.losses.maci;

/**
 * {@code ulgm}: Self-MM's unimodal label generation module (mmsa.md §3.4), a {@code StatefulObjective} whose label
 * and feature memories over the training split move after every training step, and whose loss is the tanh-weighted
 * unimodal L1 against the generated labels.
 */
package io.mosaic.losses.ulgm;

/**
 * A run's own files for people: {@code predictions.csv} (the selected checkpoint's prediction per sample) and
 * {@code report.html} (one self-contained page: the assembly, curves, metrics, sweeps, confusion matrix or
 * predicted-against-true scatter, costs), written at the end of every run and again by {@code mosaic report}.
 */
package io.mosaic.runtime.report;

/** Regression losses on the sentiment score: {@code l1} and {@code mse}. */
package io.mosaic.losses.regression;

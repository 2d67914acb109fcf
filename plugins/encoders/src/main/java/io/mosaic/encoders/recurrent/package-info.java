/**
 * The recurrent encoders: {@code gru}, the sequence of a GRU's hidden states, and {@code lstm}, MMSA's sLSTM (an
 * LSTM's final hidden state at each sample's true length, mapped linearly to a pooled vector).
 */
package io.mosaic.encoders.recurrent;

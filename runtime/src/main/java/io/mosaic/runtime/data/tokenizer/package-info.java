/**
 * Tokenisation of raw text with a user's HuggingFace {@code tokenizer.json} ({@code data.tokenizer}), offline, through
 * DJL's binding of the HuggingFace tokenizers library.
 */
package io.mosaic.runtime.data.tokenizer;

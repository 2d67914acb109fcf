/**
 * Variants of assemblies for {@code --vary}: each option {@code key.path=v1,v2,...} is a {@link
 * io.mosaic.runtime.variants.VariedKey}, several make a {@link io.mosaic.runtime.variants.Grid} of their cartesian
 * product, and each combination of each assembly is a {@link io.mosaic.runtime.variants.Variant}, named by its values.
 */
package io.mosaic.runtime.variants;

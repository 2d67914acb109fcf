/**
 * CORAL-ULGM's deep modal shared information learning module: {@code coral}, CORAL distances (unbiased covariances,
 * ‖C_A − C_B‖²_F/4d², seed eq. 12–14) between pairs of modalities given in the seed's Table II syntax, aligning
 * ("A-B") or repelling with a bounded term ("A+B"), optionally through trained projections to one width d.
 */
package io.mosaic.losses.coral;

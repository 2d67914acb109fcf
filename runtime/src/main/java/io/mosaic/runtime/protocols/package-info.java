/**
 * The built-in missing-modality protocols of CIDer's evaluation ({@code reference/cider.md} §2): RMFM, traditional
 * RMFM, RMM, TMFM, STMFM and SMM, and SATI's Gaussian feature noise ({@code gaussian-noise}), as {@link
 * io.mosaic.api.protocol.ProtocolFactory} components the host registers at boot ({@link
 * io.mosaic.runtime.protocols.BuiltInProtocols}), and the {@link io.mosaic.runtime.protocols.MaskApplier} that turns
 * their per-sample masks and noise into a corrupted batch.
 */
package io.mosaic.runtime.protocols;

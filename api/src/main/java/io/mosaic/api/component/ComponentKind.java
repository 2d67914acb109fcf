package io.mosaic.api.component;

import java.util.Locale;

/** What a component contributes to an assembly; each kind has its own factory contract. */
public enum ComponentKind {
    /** Maps features to features: projections, recurrent and attention encoders, pooling. {@code EncoderFactory}. */
    ENCODER,
    /** Combines the features of several modalities. {@code FusionFactory}. */
    FUSION,
    /** Maps a joint representation to the task's outputs. {@code HeadFactory}. */
    HEAD,
    /** A loss or regulariser that reads taps. {@code ObjectiveFactory}. */
    OBJECTIVE,
    /** A whole model: declares slots and taps and wires the components chosen for its slots. {@code PipelineFactory}. */
    PIPELINE,
    /** Removes positions or modalities of samples: a training view or an evaluation sweep. {@code ProtocolFactory}. */
    PROTOCOL,
    /** Combines a model's outputs on a batch and on its counterfactual at evaluation. {@code DebiaserFactory}. */
    DEBIASER;

    /** The lower-case name used in assemblies and on the command line. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind whose {@link #id()} is {@code id}, ignoring case. */
    public static ComponentKind fromId(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}

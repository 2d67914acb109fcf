package io.mosaic.fusion.mct;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import io.mosaic.api.model.BuildContext;
import io.mosaic.api.model.Concatenation;
import io.mosaic.api.model.Temporaries;
import io.mosaic.fusion.layers.BlockLayout;
import io.mosaic.fusion.layers.KeyPadding;
import io.mosaic.fusion.layers.Linears;
import io.mosaic.fusion.layers.QkvProjection;
import io.mosaic.fusion.layers.SelfAttention;
import java.util.ArrayList;
import java.util.List;

/**
 * CIDer's multimodal composite attention over n joined blocks. One packed Q/K/V in-projection and one logit matrix
 * Q·Kᵀ/√(D/h) serve all 2^n − 1 variants S (see {@link Variant}); each variant has its own output Linear(D, D). Block
 * m's positions then get merge_m(concat over the variants S ∋ m, in variant order, of output_S(attention_S)), a
 * Linear(2^(n−1)·D, D): for L, A, V that is text ← [LAV, LA, LV, L], audio ← [LAV, LA, AV, A],
 * vision ← [LAV, LV, AV, V]. The merged blocks are joined again along time and pass a final Linear(D, D).
 */
final class MultimodalCompositeAttention extends SelfAttention {
    private final BlockLayout layout;
    private final List<Variant> variants;
    private final VariantAttention attention;
    private final QkvProjection inProjection;
    private final List<Linear> outputs = new ArrayList<>();
    private final List<Linear> merges = new ArrayList<>();
    private final Linear finalProjection;

    MultimodalCompositeAttention(BlockLayout layout, int heads, VariantAttention attention, BuildContext context) {
        this.layout = layout;
        this.variants = Variant.all(layout);
        this.attention = attention;
        int dim = layout.dim();
        this.inProjection = child("inProjection", new QkvProjection(dim, heads, context));
        for (int j = 0; j < variants.size(); j++) {
            outputs.add(child("output" + j, Linears.xavier(dim), context, new Shape(1, dim)));
        }
        int merged = (1 << (layout.blocks() - 1)) * dim;
        for (int m = 0; m < layout.blocks(); m++) {
            merges.add(child("merge" + m, Linears.xavier(dim), context, new Shape(1, merged)));
        }
        this.finalProjection = child("final", Linears.xavier(dim), context, new Shape(1, dim));
    }

    @Override
    public Attended forward(ParameterStore parameters, NDArray x, KeyPadding padding, boolean training) {
        QkvProjection.Projected projected = project(parameters, x, padding, training);
        List<List<NDArray>> perBlock = new ArrayList<>();
        for (int m = 0; m < layout.blocks(); m++) {
            perBlock.add(new ArrayList<>());
        }
        for (int j = 0; j < variants.size(); j++) {
            Variant variant = variants.get(j);
            // each variant's scores and weights are released before the next variant attends
            NDArray context = Temporaries.released(() -> attention.context(variant, projected, padding, training));
            NDArray mapped = outputs.get(j).forward(parameters, new NDList(context), training).singletonOrThrow();
            for (int m = 0; m < layout.blocks(); m++) {
                if (variant.contains(m)) {
                    int start = variant.offsetWithin(m);
                    perBlock.get(m).add(mapped.get(new NDIndex().addAllDim().addSliceDim(start,
                            start + layout.steps(m))));
                }
            }
        }
        NDList merged = new NDList(layout.blocks());
        for (int m = 0; m < layout.blocks(); m++) {
            NDArray joined = Concatenation.of(new NDList(perBlock.get(m)), 2);
            merged.add(merges.get(m).forward(parameters, new NDList(joined), training).singletonOrThrow());
        }
        NDArray sequence = Concatenation.of(merged, 1);
        NDArray out = finalProjection.forward(parameters, new NDList(sequence), training).singletonOrThrow();
        return new Attended(out, projected.logits());
    }

    /** The shared projections and logits of {@code x} [B, ΣT, D]. */
    QkvProjection.Projected project(ParameterStore parameters, NDArray x, KeyPadding padding, boolean training) {
        return inProjection.project(parameters, x, padding, training);
    }

    /** The variants in the order of the output maps and of every merge's inputs. */
    List<Variant> variants() {
        return variants;
    }
}

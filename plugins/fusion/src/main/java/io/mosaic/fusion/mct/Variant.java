package io.mosaic.fusion.mct;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import io.mosaic.api.model.Concatenation;
import io.mosaic.fusion.layers.BlockLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * One attention variant of MCA: a non-empty subset S of the blocks. Queries of S's blocks attend keys of S's blocks
 * only. The variants are ordered by {@link #all}: the full set first, then by decreasing size, then by input order
 * (for blocks L, A, V: LAV, LA, LV, AV, L, A, V).
 */
final class Variant {
    private final int members;
    private final int blocks;
    private final BlockLayout layout;
    private final List<int[]> spans = new ArrayList<>();
    private final int steps;

    private Variant(int members, BlockLayout layout) {
        this.members = members;
        this.blocks = layout.blocks();
        this.layout = layout;
        int total = 0;
        for (int m = 0; m < blocks; m++) {
            if (contains(m)) {
                int start = layout.offset(m);
                int end = start + layout.steps(m);
                int[] last = spans.isEmpty() ? null : spans.get(spans.size() - 1);
                if (last != null && last[1] == start) {
                    last[1] = end;
                } else {
                    spans.add(new int[] {start, end});
                }
                total += layout.steps(m);
            }
        }
        this.steps = total;
    }

    /** The 2^n − 1 variants of {@code layout}'s n blocks, in the documented order. */
    static List<Variant> all(BlockLayout layout) {
        Comparator<Variant> bySize = Comparator.comparingInt(v -> -Integer.bitCount(v.members));
        return IntStream.range(1, 1 << layout.blocks())
                .mapToObj(members -> new Variant(members, layout))
                .sorted(bySize.thenComparing(Variant::memberList, Variant::lexicographic))
                .toList();
    }

    boolean contains(int block) {
        return (members >> block & 1) == 1;
    }

    boolean isFull() {
        return members == (1 << blocks) - 1;
    }

    /** N_S: the number of positions of S's blocks. */
    int steps() {
        return steps;
    }

    /** Where {@code block}'s positions start among the positions of S's blocks. */
    int offsetWithin(int block) {
        int offset = 0;
        for (int m = 0; m < block; m++) {
            offset += contains(m) ? layout.steps(m) : 0;
        }
        return offset;
    }

    /** [ΣT]: 1 at the positions of S's blocks, 0 elsewhere. */
    float[] membership() {
        float[] ones = new float[layout.total()];
        for (int[] span : spans) {
            Arrays.fill(ones, span[0], span[1], 1f);
        }
        return ones;
    }

    /** The entries of {@code x} at the positions of S's blocks along {@code axis}, in block order. */
    NDArray gather(NDArray x, int axis) {
        if (isFull()) {
            return x;
        }
        NDList parts = new NDList(spans.size());
        for (int[] span : spans) {
            parts.add(x.get(new NDIndex().addAllDim(axis).addSliceDim(span[0], span[1])));
        }
        return Concatenation.of(parts, axis);
    }

    /** The member names joined by '+', such as {@code text+vision}. */
    String label() {
        return String.join("+", memberList().stream().map(layout::name).toList());
    }

    private List<Integer> memberList() {
        return IntStream.range(0, blocks).filter(this::contains).boxed().toList();
    }

    private static int lexicographic(List<Integer> a, List<Integer> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int order = Integer.compare(a.get(i), b.get(i));
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    @Override
    public String toString() {
        return label();
    }
}

package io.mosaic.models.s2lif;

import io.mosaic.api.data.Modality;
import io.mosaic.api.model.StagePlan;
import io.mosaic.api.model.Taps;
import java.util.Arrays;
import java.util.List;

/**
 * S2LIF's learning order (its Table 5: T→V, V→T, T&V). The first modality's classifier reads its pooled tokens alone,
 * the second's reads both, [first; second] (eq. 16, T→V: O_t = g_t(x_c'_t), O_v = g_v([x_c'_t; x_c'_v])); the
 * second's logits are the prediction. In order, stage one trains the first modality's chain and classifier (L_t,
 * eq. 17), then stage two freezes them and trains the second's (L_v, eq. 18); together, one stage trains L = L_t + L_v
 * (eq. 19).
 */
enum Order {
    TEXT_FIRST("text-first", Modality.TEXT, Modality.VISION, true),
    VISION_FIRST("vision-first", Modality.VISION, Modality.TEXT, true),
    TOGETHER("together", Modality.TEXT, Modality.VISION, false);

    static final List<String> IDS = Arrays.stream(values()).map(Order::id).toList();

    private final String id;
    private final Modality first;
    private final Modality second;
    private final boolean staged;

    Order(String id, Modality first, Modality second, boolean staged) {
        this.id = id;
        this.first = first;
        this.second = second;
        this.staged = staged;
    }

    String id() {
        return id;
    }

    Modality first() {
        return first;
    }

    Modality second() {
        return second;
    }

    static Order of(String id) {
        return Arrays.stream(values()).filter(o -> o.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no order '" + id + "'; orders: " + IDS));
    }

    /**
     * The stages: in order, the first modality's (its chain's taps and its classifier's logits) with the second's
     * parts frozen, then the second's (its taps, its logits, the prediction and the joint vector) with the first's
     * frozen; together, none proposed (one stage, every objective).
     */
    List<StagePlan> stages() {
        if (!staged) {
            return List.of();
        }
        return List.of(
                new StagePlan(first.id(), parts(second), List.of(first.id() + ".", S2lifFactory.predictionTap(first))),
                new StagePlan(second.id(), parts(first), List.of(second.id() + ".", S2lifFactory.predictionTap(second),
                        Taps.PREDICTION, Taps.JOINT)));
    }

    /** A modality's trainable parts: its encoder chain and its classifier. */
    private static List<String> parts(Modality modality) {
        return List.of(modality.id(), S2lifFactory.headSlot(modality));
    }
}

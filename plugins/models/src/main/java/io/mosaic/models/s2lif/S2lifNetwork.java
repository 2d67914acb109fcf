package io.mosaic.models.s2lif;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import io.mosaic.api.data.Batch;
import io.mosaic.api.data.Modality;
import io.mosaic.api.model.Encoder;
import io.mosaic.api.model.Features;
import io.mosaic.api.model.Head;
import io.mosaic.api.model.Network;
import io.mosaic.api.model.Taps;

/**
 * S2LIF's forward pass (eq. 13–16, in the given order): x_c' of the first and the second modality, O_first =
 * g_first(x_c'_first), O_second = g_second([x_c'_first; x_c'_second]), the prediction O_second.
 */
final class S2lifNetwork extends Network {
    private final Order order;
    private final Encoder first;
    private final Encoder second;
    private final Head firstHead;
    private final Head secondHead;

    S2lifNetwork(Order order, Encoder first, Encoder second, Head firstHead, Head secondHead) {
        this.order = order;
        this.first = first;
        this.second = second;
        this.firstHead = firstHead;
        this.secondHead = secondHead;
        child(order.first().id(), first);
        child(order.second().id(), second);
        child(S2lifFactory.headSlot(order.first()), firstHead);
        child(S2lifFactory.headSlot(order.second()), secondHead);
    }

    @Override
    public void forward(ParameterStore parameters, Batch batch, Taps taps, boolean training) {
        NDArray x1 = pooled(parameters, batch, taps, training, order.first(), first);
        NDArray x2 = pooled(parameters, batch, taps, training, order.second(), second);
        taps.put(S2lifFactory.predictionTap(order.first()), classify(parameters, firstHead, order.first(), x1, taps,
                training));
        NDArray joint = x1.concat(x2, 1);
        taps.put(Taps.JOINT, joint);
        NDArray prediction = classify(parameters, secondHead, order.second(), joint, taps, training);
        taps.put(S2lifFactory.predictionTap(order.second()), prediction);
        taps.put(Taps.PREDICTION, prediction);
    }

    private static NDArray pooled(ParameterStore parameters, Batch batch, Taps taps, boolean training,
                                  Modality modality, Encoder chain) {
        Features x = chain.forward(parameters, batch.input(modality), taps.scoped(modality.id()), training);
        taps.put(Taps.pooled(modality.id()), x);
        return x.values();
    }

    private static NDArray classify(ParameterStore parameters, Head head, Modality modality, NDArray input, Taps taps,
                                    boolean training) {
        return head.forward(parameters, Features.pooled(input), taps.scoped(S2lifFactory.headSlot(modality)),
                training);
    }
}

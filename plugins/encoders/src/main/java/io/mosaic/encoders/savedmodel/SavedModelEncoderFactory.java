package io.mosaic.encoders.savedmodel;

import io.mosaic.api.component.ComponentKind;
import io.mosaic.api.component.MosaicComponent;
import io.mosaic.api.component.ParameterSchema;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.model.BuildContext;
import io.mosaic.api.model.CacheableEncoder;
import io.mosaic.api.model.Encoder;
import io.mosaic.api.model.EncoderFactory;
import io.mosaic.api.model.FeatureShape;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.osgi.service.component.annotations.Component;

/**
 * {@code savedmodel-encoder}: a frozen TensorFlow SavedModel from the user's own folder (a Keras or TF model exported
 * with {@code tf.saved_model.save}), run through TensorFlow Java on the device of the model's parameters.
 */
@Component(service = EncoderFactory.class)
@MosaicComponent(kind = ComponentKind.ENCODER, name = "savedmodel-encoder")
public final class SavedModelEncoderFactory implements EncoderFactory {
    private static final ParameterSchema SCHEMA = ParameterSchema.builder()
            .string("dir", null, "The SavedModel folder (saved_model.pb and variables/), relative to the "
                    + "assembly's folder or absolute.")
            .string("signature", "serving_default", "The signature to call.")
            .strings("tags", List.of("serve"), "The tags of the meta graph to load.")
            .string("input", null, "The signature's input that takes the frames [B, T, D] (float32).")
            .string("output", null, "The signature's output to return: [B, T, D'] (masked at padding) or [B, D'] "
                    + "(float32).")
            .string("lengths-input", "", "The signature's input that takes each sample's length [B] (int32 or "
                    + "int64), if it has one.")
            .string("mask-input", "", "The signature's input that takes the padding mask [B, T] (1 before the "
                    + "length, 0 after; int32, int64 or float32), if it has one.")
            .build();

    @Override
    public String description() {
        return "Runs a frozen TensorFlow SavedModel on the frames: its signature's output per step or per sample.";
    }

    @Override
    public ParameterSchema parameters() {
        return SCHEMA;
    }

    @Override
    public Encoder create(Parameters parameters, FeatureShape input, BuildContext context) {
        if (!input.isSequence()) {
            throw new IllegalArgumentException("savedmodel-encoder takes frames [B, T, D], got pooled features "
                    + input);
        }
        Path folder = context.resolve(parameters.string("dir"));
        SavedModel.Names names = new SavedModel.Names(parameters.string("signature"), parameters.string("input"),
                parameters.string("output"), parameters.string("lengths-input"), parameters.string("mask-input"));
        SavedModel model = SavedModel.load(folder, parameters.strings("tags"), names, input.dim(),
                SessionConfigs.forDevice(context.manager().getDevice()));
        try {
            // The outputs are the folder's content under the chosen signature, tensors and tags.
            String fingerprint = "savedmodel " + CacheableEncoder.sha256(folder) + " " + names + " tags "
                    + parameters.strings("tags");
            Encoder encoder = new SavedModelEncoder(model, input, context.manager(), fingerprint);
            // TensorFlow's session and graph close with the manager of the model's parameters.
            context.manager().attachInternal("savedmodel-" + UUID.randomUUID(), model);
            return encoder;
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }
}

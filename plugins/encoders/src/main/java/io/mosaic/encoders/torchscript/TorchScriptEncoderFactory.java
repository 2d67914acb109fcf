package io.mosaic.encoders.torchscript;

import io.mosaic.api.component.ComponentKind;
import io.mosaic.api.component.MosaicComponent;
import io.mosaic.api.component.ParameterSchema;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.model.BuildContext;
import io.mosaic.api.model.Encoder;
import io.mosaic.api.model.EncoderFactory;
import io.mosaic.api.model.FeatureShape;
import java.util.Arrays;
import org.osgi.service.component.annotations.Component;

/**
 * {@code torchscript-encoder}: a pretrained encoder the user exported with {@code torch.jit.script} or
 * {@code torch.jit.trace} (a BERT for text, an audio or vision encoder for frames), frozen or fine-tuned.
 */
@Component(service = EncoderFactory.class)
@MosaicComponent(kind = ComponentKind.ENCODER, name = "torchscript-encoder")
public final class TorchScriptEncoderFactory implements EncoderFactory {
    private static final ParameterSchema SCHEMA = ParameterSchema.builder()
            .string("file", null, "The TorchScript module (torch.jit.save): an absolute path, or one relative to the "
                    + "folder of the assembly file that names it.")
            .choice("input", ModuleInput.TOKEN_IDS.id(), Arrays.stream(ModuleInput.values()).map(ModuleInput::id)
                    .toList(), "What forward takes before the attention mask: the text's token ids [B, T] "
                    + "(first encoder of the text slot only, on data with token ids) or frames [B, T, D].")
            .bool("trainable", false, "Whether the module is fine-tuned end to end (true) or frozen (false: no "
                    + "gradient, no optimizer state, evaluation mode).")
            .real("lr", 5.0e-5, 0.0, null, "The fine-tuned module's learning rate, in an optimizer group of its own "
                    + "(MMSA's BERT rate).")
            .real("weight-decay", 1.0e-3, 0.0, null, "The fine-tuned module's coupled L2 weight decay; its biases and "
                    + "LayerNorm weights take none (MMSA's BERT groups).")
            .build();

    @Override
    public String description() {
        return "Runs a TorchScript module from the user's file on the text's token ids (or on frames) with BERT's "
                + "attention mask, returning its token features; frozen, or fine-tuned in an optimizer group of its "
                + "own.";
    }

    @Override
    public ParameterSchema parameters() {
        return SCHEMA;
    }

    @Override
    public boolean readsTokenIds(Parameters parameters) {
        return ModuleInput.of(parameters.string("input")) == ModuleInput.TOKEN_IDS;
    }

    @Override
    public Encoder create(Parameters parameters, FeatureShape input, BuildContext context) {
        return new TorchScriptEncoder(context.resolve(parameters.string("file")), ModuleInput.of(parameters.string(
                "input")), input, parameters.bool("trainable"), parameters.real("lr"),
                parameters.real("weight-decay"), context);
    }
}

package io.mosaic.runtime.assembly;

import io.mosaic.api.component.ComponentFactory;
import io.mosaic.api.component.ComponentKind;
import io.mosaic.api.debias.DebiaserFactory;
import io.mosaic.api.model.EncoderFactory;
import io.mosaic.api.model.FusionFactory;
import io.mosaic.api.model.HeadFactory;
import io.mosaic.api.model.PipelineFactory;
import io.mosaic.api.objective.ObjectiveFactory;
import io.mosaic.api.protocol.ProtocolFactory;
import io.mosaic.encoders.pooling.AttentionPoolFactory;
import io.mosaic.encoders.pooling.LastStepPoolFactory;
import io.mosaic.encoders.pooling.MaskedMeanPoolFactory;
import io.mosaic.encoders.projection.PointwiseProjectionFactory;
import io.mosaic.encoders.torchscript.TorchScriptEncoderFactory;
import io.mosaic.encoders.recurrent.GruFactory;
import io.mosaic.fusion.concat.ConcatFactory;
import io.mosaic.fusion.head.MlpHeadFactory;
import io.mosaic.fusion.joint.ResidualMlpFactory;
import io.mosaic.fusion.mct.MctFactory;
import io.mosaic.fusion.transformer.TransformerFactory;
import io.mosaic.fusion.wsam.WsamFactory;
import io.mosaic.losses.classification.CrossEntropyFactory;
import io.mosaic.losses.distillation.AttentionDistillationFactory;
import io.mosaic.losses.distillation.FeatureReconstructionFactory;
import io.mosaic.losses.distillation.JointDistillationFactory;
import io.mosaic.losses.maci.CounterfactualTextFactory;
import io.mosaic.losses.maci.McmHeadFactory;
import io.mosaic.losses.regression.L1Factory;
import io.mosaic.losses.regression.MseFactory;
import io.mosaic.models.baseline.BaselineFactory;
import io.mosaic.models.cider.CiderFactory;
import io.mosaic.runtime.protocols.BuiltInProtocols;
import io.mosaic.runtime.registry.ComponentLookup;
import io.mosaic.runtime.registry.ComponentRef;
import io.mosaic.runtime.registry.ComponentRegistry;
import io.mosaic.runtime.registry.HostComponents;
import io.mosaic.runtime.registry.RegisteredComponent;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.osgi.framework.Version;

/**
 * The built-in plugins' real factories as installed components, without a framework. Every factory is wrapped so
 * that a test can tell whether anything was built: a call to {@code create} of a pipeline, encoder, fusion or head.
 */
public final class InstalledComponents implements ComponentLookup {
    public static final Version VERSION = new Version(0, 1, 0);

    private static final Map<ComponentKind, Class<? extends ComponentFactory>> CONTRACTS = Map.of(
            ComponentKind.ENCODER, EncoderFactory.class,
            ComponentKind.FUSION, FusionFactory.class,
            ComponentKind.HEAD, HeadFactory.class,
            ComponentKind.OBJECTIVE, ObjectiveFactory.class,
            ComponentKind.PIPELINE, PipelineFactory.class,
            ComponentKind.PROTOCOL, ProtocolFactory.class,
            ComponentKind.DEBIASER, DebiaserFactory.class);

    /** The kinds whose {@code create} builds part of a model; objectives and protocols are created to be checked. */
    private static final Set<ComponentKind> BUILDS = Set.of(ComponentKind.PIPELINE, ComponentKind.ENCODER,
            ComponentKind.FUSION, ComponentKind.HEAD, ComponentKind.DEBIASER);

    private final List<RegisteredComponent> components = new ArrayList<>();
    private int builds;

    /** Every built-in component, each from its bundle at {@link #VERSION}. */
    public static InstalledComponents builtIn() {
        return new InstalledComponents()
                .add(ComponentKind.ENCODER, "pointwise-projection", "io.mosaic.encoders", VERSION,
                        new PointwiseProjectionFactory())
                .add(ComponentKind.ENCODER, "gru", "io.mosaic.encoders", VERSION, new GruFactory())
                .add(ComponentKind.ENCODER, "masked-mean-pool", "io.mosaic.encoders", VERSION,
                        new MaskedMeanPoolFactory())
                .add(ComponentKind.ENCODER, "last-step-pool", "io.mosaic.encoders", VERSION,
                        new LastStepPoolFactory())
                .add(ComponentKind.ENCODER, "torchscript-encoder", "io.mosaic.encoders", VERSION,
                        new TorchScriptEncoderFactory())
                .add(ComponentKind.FUSION, "concat", "io.mosaic.fusion", VERSION, new ConcatFactory())
                .add(ComponentKind.HEAD, "mlp", "io.mosaic.fusion", VERSION, new MlpHeadFactory())
                .add(ComponentKind.OBJECTIVE, "l1", "io.mosaic.losses", VERSION, new L1Factory())
                .add(ComponentKind.OBJECTIVE, "mse", "io.mosaic.losses", VERSION, new MseFactory())
                .add(ComponentKind.OBJECTIVE, "cross-entropy", "io.mosaic.losses", VERSION,
                        new CrossEntropyFactory())
                .add(ComponentKind.ENCODER, "attention-pool", "io.mosaic.encoders", VERSION,
                        new AttentionPoolFactory())
                .add(ComponentKind.FUSION, "wsam", "io.mosaic.fusion", VERSION, new WsamFactory())
                .add(ComponentKind.FUSION, "residual-mlp", "io.mosaic.fusion", VERSION, new ResidualMlpFactory())
                .add(ComponentKind.FUSION, "mct", "io.mosaic.fusion", VERSION, new MctFactory())
                .add(ComponentKind.FUSION, "transformer", "io.mosaic.fusion", VERSION, new TransformerFactory())
                .add(ComponentKind.HEAD, "mcm", "io.mosaic.losses", VERSION, new McmHeadFactory())
                .add(ComponentKind.OBJECTIVE, "joint-distillation", "io.mosaic.losses", VERSION,
                        new JointDistillationFactory())
                .add(ComponentKind.OBJECTIVE, "attention-distillation", "io.mosaic.losses", VERSION,
                        new AttentionDistillationFactory())
                .add(ComponentKind.OBJECTIVE, "feature-reconstruction", "io.mosaic.losses", VERSION,
                        new FeatureReconstructionFactory())
                .add(ComponentKind.DEBIASER, "counterfactual-text", "io.mosaic.losses", VERSION,
                        new CounterfactualTextFactory())
                .add(ComponentKind.PIPELINE, "baseline", "io.mosaic.models", VERSION, new BaselineFactory())
                .add(ComponentKind.PIPELINE, "cider", "io.mosaic.models", VERSION, new CiderFactory())
                .addProtocols();
    }

    /** The runtime's own protocols, as the host registers them. */
    private InstalledComponents addProtocols() {
        BuiltInProtocols.factories().forEach((name, factory) ->
                add(ComponentKind.PROTOCOL, name, HostComponents.PROVIDER, VERSION, factory));
        return this;
    }

    public InstalledComponents add(ComponentKind kind, String name, String bundle, Version version,
                            ComponentFactory factory) {
        components.add(new RegisteredComponent(kind, name, bundle, version, components.size() + 1L,
                counting(kind, factory)));
        return this;
    }

    @Override
    public RegisteredComponent resolve(ComponentKind kind, ComponentRef ref, Optional<String> bundle) {
        return ComponentRegistry.resolve(components, kind, ref, bundle);
    }

    /** How many modules (pipelines, encoders, fusions, heads) were created through these factories. */
    int builds() {
        return builds;
    }

    /** {@code factory} behind its kind's contract, counting the modules it creates. */
    private ComponentFactory counting(ComponentKind kind, ComponentFactory factory) {
        Class<? extends ComponentFactory> contract = CONTRACTS.get(kind);
        Object proxy = Proxy.newProxyInstance(contract.getClassLoader(), new Class<?>[] {contract},
                (self, method, args) -> {
                    if (method.getName().equals("create") && BUILDS.contains(kind)) {
                        builds++;
                    }
                    try {
                        return method.invoke(factory, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return contract.cast(proxy);
    }
}

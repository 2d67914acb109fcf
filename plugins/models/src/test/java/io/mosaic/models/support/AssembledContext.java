package io.mosaic.models.support;

import ai.djl.ndarray.NDManager;
import io.mosaic.api.component.ComponentFactory;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.data.DataSpec;
import io.mosaic.api.model.Encoder;
import io.mosaic.api.model.EncoderChain;
import io.mosaic.api.model.EncoderFactory;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.api.model.Fusion;
import io.mosaic.api.model.FusionFactory;
import io.mosaic.api.model.Head;
import io.mosaic.api.model.HeadFactory;
import io.mosaic.api.model.PipelineContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A pipeline context that fills each slot from an assembly's {@code components:} section (as YAML parses it:
 * a slot maps to {@code {use: name, parameter: value, ...}} or, for an encoder chain, a list of those) with the real
 * factories. A chain link {@code {shared: name}} is the encoder of the assembly's {@code shared:} block, built once.
 * It remembers the slots it built.
 */
public final class AssembledContext implements PipelineContext {
    private final NDManager manager;
    private final DataSpec data;
    private final Map<String, Object> components;
    private final Map<String, Object> shared;
    private final Map<String, Encoder> sharedBuilt = new LinkedHashMap<>();
    private final Set<String> built = new LinkedHashSet<>();

    public AssembledContext(NDManager manager, DataSpec data, Map<String, Object> components) {
        this(manager, data, components, Map.of());
    }

    public AssembledContext(NDManager manager, DataSpec data, Map<String, Object> components,
                            Map<String, Object> shared) {
        this.manager = manager;
        this.data = data;
        this.components = components;
        this.shared = shared;
    }

    @Override
    public NDManager manager() {
        return manager;
    }

    @Override
    public DataSpec data() {
        return data;
    }

    /** The slots built so far, in build order. */
    public Set<String> built() {
        return built;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Encoder encoder(String slot, FeatureShape input) {
        List<Encoder> links = new ArrayList<>();
        FeatureShape shape = input;
        Object filled = component(slot);
        List<Object> chain = filled instanceof List<?> list ? (List<Object>) list : List.of(filled);
        for (Object link : chain) {
            Map<String, Object> spec = (Map<String, Object>) link;
            Encoder encoder = spec.containsKey("shared") ? shared((String) spec.get("shared"), shape)
                    : build(spec, shape);
            links.add(encoder);
            shape = encoder.output();
        }
        return links.size() == 1 ? links.get(0) : new EncoderChain(links);
    }

    @SuppressWarnings("unchecked")
    private Encoder shared(String name, FeatureShape input) {
        Encoder encoder = sharedBuilt.get(name);
        if (encoder == null) {
            encoder = build((Map<String, Object>) shared.get(name), input);
            sharedBuilt.put(name, encoder);
        }
        return encoder;
    }

    private Encoder build(Map<String, Object> spec, FeatureShape input) {
        EncoderFactory factory = Catalog.factory((String) spec.get("use"), EncoderFactory.class);
        return factory.create(parameters(factory, spec), input, this);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Fusion fusion(String slot, Map<String, FeatureShape> inputs) {
        Map<String, Object> spec = (Map<String, Object>) component(slot);
        FusionFactory factory = Catalog.factory((String) spec.get("use"), FusionFactory.class);
        return factory.create(parameters(factory, spec), inputs, this);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Head head(String slot, FeatureShape input, int outputs) {
        Map<String, Object> spec = (Map<String, Object>) component(slot);
        HeadFactory factory = Catalog.factory((String) spec.get("use"), HeadFactory.class);
        return factory.create(parameters(factory, spec), input, outputs, this);
    }

    private Object component(String slot) {
        if (!built.add(slot)) {
            throw new IllegalStateException("slot '" + slot + "' was built twice");
        }
        Object component = components.get(slot);
        if (component == null) {
            throw new IllegalArgumentException("the assembly fills no slot '" + slot + "'");
        }
        return component;
    }

    /** The spec's values without {@code use}, checked against the factory's schema. */
    public static Parameters parameters(ComponentFactory factory, Map<String, Object> spec) {
        Map<String, Object> raw = new LinkedHashMap<>(spec);
        raw.remove("use");
        return Parameters.of(factory.parameters(), raw);
    }
}

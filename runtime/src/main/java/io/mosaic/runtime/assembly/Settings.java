package io.mosaic.runtime.assembly;

import io.mosaic.api.component.ParameterException;
import io.mosaic.api.component.ParameterSchema;
import io.mosaic.api.component.Parameters;
import io.mosaic.runtime.assembly.yaml.Origin;
import io.mosaic.runtime.assembly.yaml.YamlMap;
import io.mosaic.runtime.assembly.yaml.YamlNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A block of plain settings as written ({@code train:}, {@code backend:}, ...). It is checked against a
 * {@link ParameterSchema} exactly as component parameters are, so both report errors the same way.
 */
public record Settings(Map<String, YamlNode> values, Origin origin) {

    public Settings {
        values = Map.copyOf(values);
    }

    static Settings of(YamlMap map) {
        return new Settings(map.entries(), map.origin());
    }

    /** Settings of a block the assembly leaves out. */
    static Settings absent(Origin origin) {
        return new Settings(Map.of(), origin);
    }

    /**
     * The values checked against {@code schema}, defaults filled in.
     *
     * @param block how messages name this block ({@code train}, {@code train.optimizer})
     * @throws AssemblyException at the offending value's line
     */
    public Parameters check(ParameterSchema schema, String block) {
        Map<String, Object> plain = new LinkedHashMap<>();
        values.forEach((key, node) -> plain.put(key, node.toPlain()));
        try {
            return Parameters.of(schema, plain);
        } catch (ParameterException e) {
            YamlNode node = values.get(e.parameter());
            Origin at = node == null ? origin : node.origin();
            throw new AssemblyException(at, block + ": " + e.getMessage());
        }
    }
}

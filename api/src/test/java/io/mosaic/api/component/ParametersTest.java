package io.mosaic.api.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParametersTest {
    private static final ParameterSchema GRU = ParameterSchema.builder()
            .integer("hidden", null, 1, null, "Hidden size.")
            .integer("layers", 1, 1, 8, "Stacked layers.")
            .real("dropout", 0.0, 0.0, 0.99, "Dropout between layers.")
            .bool("bias", true, "Whether to add a bias.")
            .choice("pool", "mean", List.of("mean", "last"), "Pooling.")
            .integers("widths", List.of(64), 1, null, "Widths.")
            .build();

    @Test
    void valuesAreCheckedAndDefaultsFilledInSchemaOrder() {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("pool", "last");
        raw.put("hidden", 32L);
        raw.put("dropout", 0L);

        Parameters parameters = Parameters.of(GRU, raw);

        assertThat(parameters.asMap()).containsExactly(Map.entry("hidden", 32), Map.entry("layers", 1),
                Map.entry("dropout", 0.0), Map.entry("bias", true), Map.entry("pool", "last"),
                Map.entry("widths", List.of(64)));
        assertThat(parameters.integer("hidden")).isEqualTo(32);
        assertThat(parameters.real("dropout")).isEqualTo(0.0);
        assertThat(parameters.bool("bias")).isTrue();
        assertThat(parameters.string("pool")).isEqualTo("last");
        assertThat(parameters.integers("widths")).containsExactly(64);
    }

    @Test
    void anUnknownParameterNamesTheKnownOnes() {
        assertThatThrownBy(() -> Parameters.of(GRU, Map.of("hidden", 8L, "hiden", 8L)))
                .isInstanceOfSatisfying(ParameterException.class, e -> assertThat(e.parameter()).isEqualTo("hiden"))
                .hasMessage("parameter 'hiden': unknown parameter; known: hidden, layers, dropout, bias, pool, widths");
        assertThatThrownBy(() -> Parameters.of(ParameterSchema.EMPTY, Map.of("dim", 8L)))
                .hasMessage("parameter 'dim': unknown parameter; known: none");
    }

    @Test
    void aMissingRequiredParameterSaysWhatItTakes() {
        assertThatThrownBy(() -> Parameters.of(GRU, Map.of("layers", 2L)))
                .isInstanceOfSatisfying(ParameterException.class, e -> assertThat(e.parameter()).isEqualTo("hidden"))
                .hasMessage("parameter 'hidden': required, an integer");
        assertThatThrownBy(() -> Parameters.defaults(GRU)).hasMessage("parameter 'hidden': required, an integer");
    }

    @Test
    void aWrongTypeOrRangeNamesTheParameter() {
        assertThatThrownBy(() -> Parameters.of(GRU, Map.of("hidden", "big")))
                .isInstanceOfSatisfying(ParameterException.class, e -> assertThat(e.parameter()).isEqualTo("hidden"))
                .hasMessage("parameter 'hidden': expected an integer, found a string (big)");
        assertThatThrownBy(() -> Parameters.of(GRU, Map.of("hidden", 8L, "layers", 9L)))
                .isInstanceOfSatisfying(ParameterException.class, e -> assertThat(e.parameter()).isEqualTo("layers"))
                .hasMessageStartingWith("parameter 'layers': value 9 is out of range");
        assertThatThrownBy(() -> Parameters.of(GRU, Map.of("hidden", 8L, "pool", "max")))
                .hasMessage("parameter 'pool': value 'max' is not one of mean, last");
    }

    @Test
    void anUnknownParameterIsReportedBeforeAMissingOne() {
        assertThatThrownBy(() -> Parameters.of(GRU, Map.of("hiden", 8L)))
                .hasMessageStartingWith("parameter 'hiden': unknown parameter");
    }

    @Test
    void withSetsOneValueAndChecksItLeavingTheOriginal() {
        Parameters original = Parameters.of(GRU, Map.of("hidden", 8L));

        Parameters deeper = original.with(GRU, "layers", 3);

        assertThat(deeper.integer("layers")).isEqualTo(3);
        assertThat(deeper.integer("hidden")).isEqualTo(8);
        assertThat(original.integer("layers")).isEqualTo(1);
        assertThatThrownBy(() -> original.with(GRU, "layers", 0)).hasMessageStartingWith("parameter 'layers': value 0");
    }

    @Test
    void readingAnUndeclaredNameSaysWhichExist() {
        Parameters parameters = Parameters.defaults(ParameterSchema.builder().bool("bias", false, "Bias.").build());

        assertThatThrownBy(() -> parameters.integer("dim"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no parameter 'dim'; known: [bias]");
        assertThatThrownBy(() -> parameters.asMap().put("dim", 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aSchemaRefusesTwoDeclarationsOfOneName() {
        assertThatThrownBy(() -> ParameterSchema.builder().integer("dim", 1, 1, null, "A.")
                .real("dim", 1.0, null, null, "B.").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parameter 'dim' is declared twice");
    }

    @Test
    void aSchemaFindsItsSpecsByName() {
        assertThat(GRU.find("dropout")).hasValueSatisfying(spec -> {
            assertThat(spec.type()).isEqualTo(ParameterType.REAL);
            assertThat(spec.max()).isEqualTo(0.99);
        });
        assertThat(GRU.find("dropuot")).isEmpty();
        assertThat(ParameterSchema.EMPTY.specs()).isEmpty();
    }
}

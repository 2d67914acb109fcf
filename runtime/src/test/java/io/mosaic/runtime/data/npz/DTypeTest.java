package io.mosaic.runtime.data.npz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DTypeTest {

    @Test
    void parsesTheSupportedTypeStringsOfNpyHeaders() {
        assertThat(DType.parse("<f4")).isEqualTo(DType.FLOAT32);
        assertThat(DType.parse("<f8")).isEqualTo(DType.FLOAT64);
        assertThat(DType.parse("<i4")).isEqualTo(DType.INT32);
        assertThat(DType.parse("<i8")).isEqualTo(DType.INT64);
        assertThat(DType.parse("|b1")).isEqualTo(DType.BOOL);
        assertThat(DType.parse("|O")).isEqualTo(DType.OBJECT);
        assertThat(DType.parse("<U16")).isEqualTo(new DType(DType.Kind.UNICODE, 64));
    }

    @Test
    void readsPickledDtypeCodesWithTheirByteOrder() {
        assertThat(DType.of('<', "f4")).isEqualTo(DType.FLOAT32);
        assertThat(DType.of('|', "b1")).isEqualTo(DType.BOOL);
        assertThat(DType.of('|', "O8")).isEqualTo(DType.OBJECT);
        assertThat(DType.of('<', "U2").itemSize()).isEqualTo(8);
        // One-byte types have no byte order, so '>' is harmless for them.
        assertThat(DType.of('>', "b1")).isEqualTo(DType.BOOL);
    }

    @Test
    void refusesOtherTypesAndBigEndianDataNamingTheSupportedOnes() {
        assertThatThrownBy(() -> DType.parse(">f4")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'>f4'").hasMessageContaining("float32 (<f4)");
        assertThatThrownBy(() -> DType.parse("<f2")).hasMessageContaining("unsupported NumPy dtype '<f2'");
        assertThatThrownBy(() -> DType.parse("<c8")).hasMessageContaining("'<c8'");
        assertThatThrownBy(() -> DType.parse("<U0")).hasMessageContaining("'<U0'");
        assertThatThrownBy(() -> DType.of('<', "<f4")).hasMessageContaining("'<<f4'");
    }

    @Test
    void namesTypesAsNumPyDoes() {
        assertThat(DType.FLOAT64).hasToString("float64");
        assertThat(DType.INT32).hasToString("int32");
        assertThat(DType.parse("<U7")).hasToString("<U7");
        assertThat(DType.BOOL.isNumeric()).isTrue();
        assertThat(DType.OBJECT.isNumeric()).isFalse();
    }
}

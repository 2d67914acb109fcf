package io.mosaic.losses.distillation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mosaic.api.component.ParameterException;
import io.mosaic.api.component.ParameterSchema;
import io.mosaic.api.component.Parameters;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ViewPairTest {
    private static final ParameterSchema SCHEMA = ViewPair.declare(ParameterSchema.builder()).build();

    private static ViewPair pair(Map<String, Object> raw) {
        return ViewPair.of(Parameters.of(SCHEMA, raw));
    }

    @Test
    void distilsTheCleanViewIntoTheMissingViewByDefault() {
        ViewPair pair = pair(Map.of());

        assertThat(pair).isEqualTo(new ViewPair("clean", "missing"));
        assertThat(pair.names()).isEqualTo(Set.of("clean", "missing"));
    }

    @Test
    void takesBothViewsFromTheParameters() {
        assertThat(pair(Map.of("teacher", "half", "student", "all-missing")))
                .isEqualTo(new ViewPair("half", "all-missing"));
    }

    @Test
    void rejectsAStudentThatIsTheTeacher() {
        assertThatThrownBy(() -> pair(Map.of("teacher", "missing")))
                .isInstanceOfSatisfying(ParameterException.class, e -> assertThat(e.parameter()).isEqualTo("student"))
                .hasMessageContaining("must differ from the teacher view, found 'missing' for both");
    }

    @Test
    void rejectsABlankViewName() {
        assertThatThrownBy(() -> pair(Map.of("teacher", " ")))
                .isInstanceOfSatisfying(ParameterException.class, e -> assertThat(e.parameter()).isEqualTo("teacher"))
                .hasMessageContaining("expected a view name")
                .hasMessageContaining("found an empty string");
    }
}

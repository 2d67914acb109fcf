package io.mosaic.losses.distillation;

import ai.djl.ndarray.NDArray;
import io.mosaic.api.component.ParameterException;
import io.mosaic.api.component.ParameterSchema;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.objective.Views;
import java.util.Set;

/**
 * The two views a distillation objective compares: the teacher (by default the clean view), whose tensors are targets
 * and carry no gradient, and the student (by default the {@value #DEFAULT_STUDENT} view), whose tensors are trained.
 */
record ViewPair(String teacher, String student) {
    static final String TEACHER = "teacher";
    static final String STUDENT = "student";
    static final String DEFAULT_STUDENT = "missing";

    /** Declares {@value #TEACHER} and {@value #STUDENT} on {@code builder}. */
    static ParameterSchema.Builder declare(ParameterSchema.Builder builder) {
        return builder
                .string(TEACHER, Views.CLEAN, "The view whose taps are the targets (read without gradient).")
                .string(STUDENT, DEFAULT_STUDENT,
                        "The view trained towards the teacher, usually one corrupted by a missing-modality protocol.");
    }

    /** @throws ParameterException when a view name is blank or both name the same view */
    static ViewPair of(Parameters parameters) {
        String teacher = nonBlank(parameters, TEACHER);
        String student = nonBlank(parameters, STUDENT);
        if (teacher.equals(student)) {
            throw new ParameterException(STUDENT, "must differ from the teacher view, found '" + student
                    + "' for both; distilling a view into itself has zero loss");
        }
        return new ViewPair(teacher, student);
    }

    private static String nonBlank(Parameters parameters, String name) {
        String view = parameters.string(name);
        if (view.isBlank()) {
            throw new ParameterException(name, "expected a view name such as '" + Views.CLEAN + "' or '"
                    + DEFAULT_STUDENT + "', found an empty string");
        }
        return view;
    }

    Set<String> names() {
        return Set.of(teacher, student);
    }

    /** The teacher view's tap {@code name}, cut from the graph so that no gradient reaches the teacher. */
    NDArray teacherTap(Views views, String name) {
        return views.taps(teacher).get(name).stopGradient();
    }

    NDArray studentTap(Views views, String name) {
        return views.taps(student).get(name);
    }

    /**
     * Tap {@code name} of both views, which must have the same shape.
     *
     * @param objective the reading objective's name, for the error message
     */
    TapPair tap(Views views, String name, String objective) {
        TapPair pair = new TapPair(teacherTap(views, name), studentTap(views, name));
        if (!pair.teacher().getShape().equals(pair.student().getShape())) {
            throw new IllegalArgumentException(objective + " compares tap '" + name + "' of views '" + teacher
                    + "' and '" + student + "', which must have the same shape; found " + pair.teacher().getShape()
                    + " and " + pair.student().getShape());
        }
        return pair;
    }

    /** One tap as the teacher (without gradient) and the student saw it. */
    record TapPair(NDArray teacher, NDArray student) {
    }
}

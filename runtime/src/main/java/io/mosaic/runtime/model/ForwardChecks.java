package io.mosaic.runtime.model;

import java.util.function.Supplier;

/**
 * What the guards of one model check beyond shapes. A shape is metadata, so it is checked on every pass; whether an
 * output is finite can only be read by waiting for the device, so it is checked only while a pass is being
 * diagnosed, after a non-finite loss.
 */
public final class ForwardChecks {
    private boolean finite;

    ForwardChecks() {
    }

    /** Whether the pass under way checks each component's outputs for NaN and infinity. */
    boolean finite() {
        return finite;
    }

    /** Runs {@code pass} with the finiteness checks on. */
    <T> T checkingFinite(Supplier<T> pass) {
        finite = true;
        try {
            return pass.get();
        } finally {
            finite = false;
        }
    }
}

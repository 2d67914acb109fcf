package io.mosaic.encoders.recurrent;

/**
 * A GRU written out step by step in doubles, in PyTorch's gate order and parameter layout: each weight stacks the
 * rows of the reset (r), update (z) and new (n) gates.
 * <pre>
 * r  = σ(W_ir x + b_ir + W_hr h + b_hr)
 * z  = σ(W_iz x + b_iz + W_hz h + b_hz)
 * n  = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))
 * h' = (1 − z) ⊙ n + z ⊙ h
 * </pre>
 */
final class ReferenceGru {
    private final float[] wIh;
    private final float[] wHh;
    private final float[] bIh;
    private final float[] bHh;
    private final int inputs;
    private final int hidden;

    /** @param wIh [3H, D] row-major, wHh [3H, H], bIh and bHh [3H] */
    ReferenceGru(float[] wIh, float[] wHh, float[] bIh, float[] bHh, int inputs, int hidden) {
        this.wIh = wIh;
        this.wHh = wHh;
        this.bIh = bIh;
        this.bHh = bHh;
        this.inputs = inputs;
        this.hidden = hidden;
    }

    /** @return the hidden state after each step of {@code steps} [T][D], starting from h = 0 */
    double[][] run(double[][] steps) {
        double[][] states = new double[steps.length][];
        double[] h = new double[hidden];
        for (int t = 0; t < steps.length; t++) {
            h = step(steps[t], h);
            states[t] = h;
        }
        return states;
    }

    private double[] step(double[] x, double[] h) {
        double[] next = new double[hidden];
        for (int j = 0; j < hidden; j++) {
            double r = sigmoid(input(0, j, x) + recurrent(0, j, h));
            double z = sigmoid(input(1, j, x) + recurrent(1, j, h));
            double n = Math.tanh(input(2, j, x) + r * recurrent(2, j, h));
            next[j] = (1 - z) * n + z * h[j];
        }
        return next;
    }

    /** W_i{gate} x + b_i{gate}, unit j. */
    private double input(int gate, int j, double[] x) {
        int row = gate * hidden + j;
        double sum = bIh[row];
        for (int d = 0; d < inputs; d++) {
            sum += wIh[row * inputs + d] * x[d];
        }
        return sum;
    }

    /** W_h{gate} h + b_h{gate}, unit j. */
    private double recurrent(int gate, int j, double[] h) {
        int row = gate * hidden + j;
        double sum = bHh[row];
        for (int k = 0; k < hidden; k++) {
            sum += wHh[row * hidden + k] * h[k];
        }
        return sum;
    }

    private static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }
}

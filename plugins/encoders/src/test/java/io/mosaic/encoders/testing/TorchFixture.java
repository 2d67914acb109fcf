package io.mosaic.encoders.testing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Tensors written by a fixture script ({@code make-fixtures.py} beside the fixture) with torch: one a line,
 * {@code name<TAB>shape<TAB>values}, the shape as {@code 2x4x6} and the values space-separated in row-major order.
 * The encoders, fusion and models tests share it (this module's test-jar).
 */
public final class TorchFixture {
    private final Map<String, double[]> values = new LinkedHashMap<>();
    private final Map<String, long[]> shapes = new LinkedHashMap<>();

    /** @param resource a class-path resource, relative to {@code owner}'s package */
    public TorchFixture(Class<?> owner, String resource) throws IOException {
        try (InputStream in = owner.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no fixture " + resource + " beside " + owner.getName());
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String[] fields = line.split("\t");
                shapes.put(fields[0], fields[1].isEmpty() ? new long[0]
                        : Arrays.stream(fields[1].split("x")).mapToLong(Long::parseLong).toArray());
                values.put(fields[0], Arrays.stream(fields[2].split(" ")).mapToDouble(Double::parseDouble).toArray());
            }
        }
    }

    /** The tensor called {@code name} as float32. */
    public NDArray array(NDManager manager, String name) {
        return manager.create(floats(name), new Shape(shape(name)));
    }

    public Set<String> names() {
        return values.keySet();
    }

    public long[] shape(String name) {
        return require(shapes, name);
    }

    public float[] floats(String name) {
        double[] doubles = require(values, name);
        float[] floats = new float[doubles.length];
        for (int i = 0; i < doubles.length; i++) {
            floats[i] = (float) doubles[i];
        }
        return floats;
    }

    public long[] longs(String name) {
        return Arrays.stream(require(values, name)).mapToLong(Math::round).toArray();
    }

    /**
     * Sets {@code block}'s parameter {@code parameter} to the fixture's tensor {@code name}.
     *
     * @throws IllegalArgumentException when the block has no such parameter or the shapes differ
     */
    public void load(Block block, String parameter, String name) {
        var target = block.getParameters().get(parameter);
        if (target == null) {
            throw new IllegalArgumentException("no parameter " + parameter + " among " + block.getParameters().keys());
        }
        if (!target.getArray().getShape().equals(new Shape(shape(name)))) {
            throw new IllegalArgumentException(parameter + " is " + target.getArray().getShape() + ", but " + name
                    + " is " + Arrays.toString(shape(name)));
        }
        target.getArray().set(floats(name));
    }

    private static <T> T require(Map<String, T> map, String name) {
        T value = map.get(name);
        if (value == null) {
            throw new IllegalArgumentException("the fixture has no tensor " + name + "; it has " + map.keySet());
        }
        return value;
    }
}

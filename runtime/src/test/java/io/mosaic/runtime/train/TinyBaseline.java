package io.mosaic.runtime.train;

/** A small baseline on the {@code tiny} testbed (GRUs, mean pooling, concatenation, MLP head, L1) for trainer tests. */
final class TinyBaseline {
    static final String YAML = """
            name: tiny
            seed: 7
            pipeline: baseline
            data: { source: testbed, preset: tiny }
            components:
              text: [ { use: gru, hidden: 8 }, masked-mean-pool ]
              audio: [ { use: gru, hidden: 4 }, masked-mean-pool ]
              vision: [ { use: gru, hidden: 4 }, masked-mean-pool ]
              fusion: concat
              head: { use: mlp, hidden: [8] }
            objectives:
              - l1
            train:
              batch: 32
              select: { metric: mae }
            """;

    private TinyBaseline() {
    }
}

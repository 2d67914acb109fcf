package io.mosaic.runtime.data;

import io.mosaic.api.data.Modality;
import io.mosaic.api.model.FeatureShape;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Four training samples s0..s3 with audio labels 1, 2, 3, 4 and vision labels 0.5, −0.5, 0.5, −0.5, no text labels. */
public final class FourSamples {

    public static final Dataset DATASET = new Dataset() {
        @Override
        public String description() {
            return "four samples";
        }

        @Override
        public Map<Modality, FeatureShape> shapes() {
            return Map.of();
        }

        @Override
        public int vocabulary() {
            return 0;
        }

        @Override
        public List<String> splitNames() {
            return List.of(TRAIN);
        }

        @Override
        public Set<Modality> unimodalLabels() {
            return EnumSet.of(Modality.AUDIO, Modality.VISION);
        }

        @Override
        public Split split(String name) {
            return new Split() {
                @Override
                public String name() {
                    return name;
                }

                @Override
                public int size() {
                    return 4;
                }

                @Override
                public Sample sample(int index) {
                    Frames frame = new Frames(new float[1], 1, 1, 1);
                    return new Sample("s" + index, 0, 0, null, Map.of(Modality.AUDIO, frame),
                            Map.of(Modality.AUDIO, index + 1f, Modality.VISION, index % 2 == 0 ? 0.5f : -0.5f));
                }
            };
        }
    };

    private FourSamples() {
    }
}

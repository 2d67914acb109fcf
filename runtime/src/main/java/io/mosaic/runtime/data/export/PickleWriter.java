package io.mosaic.runtime.data.export;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes splits as a pickle of protocol 4 holding a dict of splits, each a dict of NumPy arrays in NumPy 1.x's
 * layout (see {@link PickleOpcodes}), as MMSA's build scripts write them; Python with NumPy 1.x or 2.x and Mosaic's
 * safe unpickler load it. Each array's data is one BINBYTES8 of known length, laid out before any sample is
 * computed and streamed in afterwards, one pass over each split's samples.
 */
final class PickleWriter implements FormatWriter {

    @Override
    public void write(FileChannel channel, List<ExportSplit> splits, SampleFeed feed) throws IOException {
        FileLayout layout = new FileLayout();
        PickleOpcodes pickle = new PickleOpcodes(layout.framing());
        pickle.protocol4().emptyDict().mark();
        List<List<PayloadRegion.Plan>> plans = new ArrayList<>();
        for (ExportSplit split : splits) {
            pickle.text(split.name()).emptyDict().mark();
            List<PayloadRegion.Plan> splitPlans = new ArrayList<>();
            for (Column column : split.columns()) {
                long bytes = split.payloadBytes(column);
                pickle.text(column.key()).openArray(column.dtype(), column.shape(split.rows()), bytes);
                splitPlans.add(new PayloadRegion.Plan(column, layout.reserve(bytes), null));
                pickle.closeArray();
            }
            pickle.setItems();
            plans.add(splitPlans);
        }
        pickle.setItems().stop();
        layout.writeFraming(channel);
        for (int s = 0; s < splits.size(); s++) {
            PayloadRegion.fill(channel, splits.get(s), plans.get(s), feed);
        }
    }
}

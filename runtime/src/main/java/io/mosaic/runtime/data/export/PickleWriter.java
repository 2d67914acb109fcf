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
        List<long[]> starts = new ArrayList<>();
        for (ExportSplit split : splits) {
            pickle.text(split.name()).emptyDict().mark();
            long[] splitStarts = new long[split.columns().size()];
            for (int c = 0; c < splitStarts.length; c++) {
                Column column = split.columns().get(c);
                long bytes = split.payloadBytes(column);
                pickle.text(column.key()).openArray(column.dtype(), column.shape(split.rows()), bytes);
                splitStarts[c] = layout.reserve(bytes);
                pickle.closeArray();
            }
            pickle.setItems();
            starts.add(splitStarts);
        }
        pickle.setItems().stop();
        layout.writeFraming(channel);
        for (int s = 0; s < splits.size(); s++) {
            ExportSplit split = splits.get(s);
            List<PayloadRegion> regions = new ArrayList<>();
            for (int c = 0; c < split.columns().size(); c++) {
                regions.add(new PayloadRegion(split.columns().get(c), starts.get(s)[c], null));
            }
            PayloadRegion.fill(channel, split, regions, feed);
        }
    }
}

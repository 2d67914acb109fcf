package io.mosaic.runtime.data.export;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.List;

/** Writes splits into an empty file in one file format. */
interface FormatWriter {

    /** @param feed computes each split's samples, in order */
    void write(FileChannel channel, List<ExportSplit> splits, SampleFeed feed) throws IOException;
}

package dev.sslbench.core.data;

import dev.sslbench.core.shard.ImageShape;
import java.io.Closeable;
import java.util.Iterator;

/**
 * A single streamed pass over the records of an {@link ImageDataset}: one record in memory at a
 * time. A record that cannot be decoded comes back as a bad {@link SourceRecord}; a file that is
 * malformed as a whole throws {@link DatasetFormatException}.
 */
public interface ImageRecords extends Iterator<SourceRecord>, Iterable<SourceRecord>, Closeable {
  /** Shape of the good records. */
  ImageShape shape();

  /** Number of records this pass yields. */
  long count();

  @Override
  default Iterator<SourceRecord> iterator() {
    return this;
  }
}

package dev.sslbench.core.shard;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * Writes one view-pair shard: the header on construction, then one record per {@link #write}.
 *
 * <p>Records must arrive sorted by (epoch, imageIndex), strictly increasing, because readers rely
 * on shards being ordered; a violation is a bug in the caller and is rejected immediately.
 */
public final class ShardWriter implements Closeable {
  private final DataOutputStream out;
  private final ImageShape shape;
  private long count;
  private int lastEpoch;
  private long lastIndex;

  /** Writes the header to {@code out}; {@link #close()} closes {@code out}. */
  public ShardWriter(OutputStream out, ImageShape shape) throws IOException {
    this.out = new DataOutputStream(new BufferedOutputStream(Objects.requireNonNull(out), 1 << 16));
    this.shape = Objects.requireNonNull(shape, "shape");
    this.out.write(ShardFormat.MAGIC);
    this.out.writeInt(ShardFormat.VERSION);
    this.out.writeInt(shape.height());
    this.out.writeInt(shape.width());
    this.out.writeInt(shape.channels());
  }

  /** Appends one record. */
  public void write(ViewPair p) throws IOException {
    int expected = shape.pixels();
    if (p.view1().length != expected || p.view2().length != expected) {
      throw new IllegalArgumentException(
          "view sizes " + p.view1().length + "/" + p.view2().length + " bytes do not match shape "
              + shape + " (" + expected + " bytes) for image " + p.imageIndex() + " epoch "
              + p.epoch());
    }
    if (count > 0
        && (p.epoch() < lastEpoch || (p.epoch() == lastEpoch && p.imageIndex() <= lastIndex))) {
      throw new IllegalArgumentException(
          "records must be strictly increasing by (epoch, imageIndex): (" + p.epoch() + ", "
              + p.imageIndex() + ") after (" + lastEpoch + ", " + lastIndex + ")");
    }
    out.writeLong(p.imageIndex());
    out.writeInt(p.epoch());
    out.writeInt(p.label());
    out.write(p.view1());
    out.write(p.view2());
    lastEpoch = p.epoch();
    lastIndex = p.imageIndex();
    count++;
  }

  /** Records written so far. */
  public long count() {
    return count;
  }

  public ImageShape shape() {
    return shape;
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}

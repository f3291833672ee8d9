package dev.sslbench.pipelines.coders;

import dev.sslbench.pipelines.transforms.ChannelStats;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.VarLongCoder;

/** Deterministic coder for {@link ChannelStats}. */
public final class ChannelStatsCoder extends CustomCoder<ChannelStats> {
  private static final ChannelStatsCoder INSTANCE = new ChannelStatsCoder();
  private static final VarLongCoder LONG = VarLongCoder.of();
  private static final LongArrayCoder ARRAY = LongArrayCoder.of();

  private ChannelStatsCoder() {}

  public static ChannelStatsCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(ChannelStats value, OutputStream out) throws IOException {
    LONG.encode(value.values(), out);
    ARRAY.encode(value.sum(), out);
    ARRAY.encode(value.sumSquares(), out);
  }

  @Override
  public ChannelStats decode(InputStream in) throws IOException {
    return new ChannelStats(LONG.decode(in), ARRAY.decode(in), ARRAY.decode(in));
  }

  @Override
  public void verifyDeterministic() {
    // Fixed field order.
  }

  @Override
  public boolean consistentWithEquals() {
    return true;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ChannelStatsCoder;
  }

  @Override
  public int hashCode() {
    return ChannelStatsCoder.class.hashCode();
  }
}

package dev.sslbench.pipelines.coders;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;

/** Deterministic coder for {@code long[]}: varint length, then varint values. */
public final class LongArrayCoder extends CustomCoder<long[]> {
  private static final LongArrayCoder INSTANCE = new LongArrayCoder();
  private static final VarIntCoder INT = VarIntCoder.of();
  private static final VarLongCoder LONG = VarLongCoder.of();

  private LongArrayCoder() {}

  public static LongArrayCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(long[] value, OutputStream out) throws IOException {
    INT.encode(value.length, out);
    for (long v : value) {
      LONG.encode(v, out);
    }
  }

  @Override
  public long[] decode(InputStream in) throws IOException {
    long[] v = new long[INT.decode(in)];
    for (int i = 0; i < v.length; i++) {
      v[i] = LONG.decode(in);
    }
    return v;
  }

  @Override
  public void verifyDeterministic() {
    // Equal arrays encode to equal bytes.
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LongArrayCoder;
  }

  @Override
  public int hashCode() {
    return LongArrayCoder.class.hashCode();
  }
}

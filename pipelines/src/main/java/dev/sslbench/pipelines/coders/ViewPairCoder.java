package dev.sslbench.pipelines.coders;

import dev.sslbench.core.shard.ViewPair;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;

/** Compact, deterministic coder for {@link ViewPair}: varint index, epoch, label, both views. */
public final class ViewPairCoder extends CustomCoder<ViewPair> {
  private static final ViewPairCoder INSTANCE = new ViewPairCoder();
  private static final VarLongCoder LONG = VarLongCoder.of();
  private static final VarIntCoder INT = VarIntCoder.of();
  private static final ByteArrayCoder BYTES = ByteArrayCoder.of();

  private ViewPairCoder() {}

  public static ViewPairCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(ViewPair value, OutputStream out) throws IOException {
    LONG.encode(value.imageIndex(), out);
    INT.encode(value.epoch(), out);
    INT.encode(value.label(), out);
    BYTES.encode(value.view1(), out);
    BYTES.encode(value.view2(), out);
  }

  @Override
  public ViewPair decode(InputStream in) throws IOException {
    return new ViewPair(
        LONG.decode(in), INT.decode(in), INT.decode(in), BYTES.decode(in), BYTES.decode(in));
  }

  @Override
  public void verifyDeterministic() {
    // Fixed field order: equal pairs always encode to equal bytes.
  }

  @Override
  public boolean consistentWithEquals() {
    return true;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ViewPairCoder;
  }

  @Override
  public int hashCode() {
    return ViewPairCoder.class.hashCode();
  }
}

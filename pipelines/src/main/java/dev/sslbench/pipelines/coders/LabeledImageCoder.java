package dev.sslbench.pipelines.coders;

import dev.sslbench.core.data.LabeledImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;

/** Compact, deterministic coder for {@link LabeledImage}: varint index and label, then pixels. */
public final class LabeledImageCoder extends CustomCoder<LabeledImage> {
  private static final LabeledImageCoder INSTANCE = new LabeledImageCoder();
  private static final VarLongCoder LONG = VarLongCoder.of();
  private static final VarIntCoder INT = VarIntCoder.of();
  private static final ByteArrayCoder BYTES = ByteArrayCoder.of();

  private LabeledImageCoder() {}

  public static LabeledImageCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(LabeledImage value, OutputStream out) throws IOException {
    LONG.encode(value.index(), out);
    INT.encode(value.label(), out);
    BYTES.encode(value.pixels(), out);
  }

  @Override
  public LabeledImage decode(InputStream in) throws IOException {
    return new LabeledImage(LONG.decode(in), INT.decode(in), BYTES.decode(in));
  }

  @Override
  public void verifyDeterministic() {
    // Fixed field order, fixed-width pixels: the same image always encodes to the same bytes.
  }

  @Override
  public boolean consistentWithEquals() {
    return true;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LabeledImageCoder;
  }

  @Override
  public int hashCode() {
    return LabeledImageCoder.class.hashCode();
  }
}

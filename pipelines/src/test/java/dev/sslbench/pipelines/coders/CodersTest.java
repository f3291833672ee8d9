package dev.sslbench.pipelines.coders;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sslbench.core.data.LabeledImage;
import dev.sslbench.core.shard.ViewPair;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.jupiter.api.Test;

class CodersTest {

  @Test
  void labeledImageRoundTripsDeterministically() throws Exception {
    LabeledImage img = new LabeledImage(123_456_789_012L, 7, new byte[] {0, -1, 5, 127});
    CoderProperties.coderDecodeEncodeEqual(LabeledImageCoder.of(), img);
    CoderProperties.coderDeterministic(LabeledImageCoder.of(), img,
        new LabeledImage(123_456_789_012L, 7, new byte[] {0, -1, 5, 127}));
    CoderProperties.coderSerializable(LabeledImageCoder.of());
  }

  @Test
  void viewPairRoundTripsDeterministically() throws Exception {
    ViewPair pair = new ViewPair(5, 2, -1, new byte[] {1, 2, 3}, new byte[] {4, 5, 6});
    CoderProperties.coderDecodeEncodeEqual(ViewPairCoder.of(), pair);
    CoderProperties.coderDeterministic(ViewPairCoder.of(), pair,
        new ViewPair(5, 2, -1, new byte[] {1, 2, 3}, new byte[] {4, 5, 6}));
    Coder<ViewPair> coder = ViewPairCoder.of();
    // Small overhead per element: varints plus two length prefixes.
    assertEquals(1 + 1 + 5 + (1 + 3) * 2, CoderUtils.encodeToByteArray(coder, pair).length);
  }
}

package dev.sslbench.pipelines.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WriteShardsTest {

  @Test
  void shardsAreContiguousBalancedRangesInEpochThenIndexOrder() {
    long images = 10;
    int epochs = 3;
    int shards = 4;
    int[] sizes = new int[shards];
    int previous = 0;
    for (int e = 0; e < epochs; e++) {
      for (long i = 0; i < images; i++) {
        int s = WriteShards.shardOf(i, e, images, epochs, shards);
        assertTrue(s >= previous && s < shards, "non-decreasing shard numbers");
        previous = s;
        sizes[s]++;
      }
    }
    // 30 pairs over 4 shards: k * 4 / 30 gives 8, 7, 8, 7.
    assertEquals(8, sizes[0]);
    assertEquals(7, sizes[1]);
    assertEquals(8, sizes[2]);
    assertEquals(7, sizes[3]);
    assertEquals(0, WriteShards.shardOf(0, 0, images, epochs, shards));
    assertEquals(3, WriteShards.shardOf(9, 2, images, epochs, shards));
    assertThrows(IllegalArgumentException.class,
        () -> WriteShards.shardOf(10, 0, images, epochs, shards));
  }
}

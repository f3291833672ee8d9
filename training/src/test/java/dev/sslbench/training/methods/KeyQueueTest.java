package dev.sslbench.training.methods;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class KeyQueueTest {

  private static NDArray batch(NDManager m, float... v) {
    return m.create(v, new Shape(v.length / 2, 2));
  }

  private static float[] rows(KeyQueue q, int from, int to) {
    return q.keys().get(from + ":" + to).toFloatArray();
  }

  @Test
  void startsWithRandomUnitKeys() {
    Engine.getInstance().setRandomSeed(1);
    try (NDManager m = NDManager.newBaseManager()) {
      KeyQueue q = new KeyQueue(6, 4, m);
      assertEquals(new Shape(6, 4), q.keys().getShape());
      assertArrayEquals(new float[] {1, 1, 1, 1, 1, 1}, q.keys().norm(new int[] {1}).toFloatArray(), 1e-5f);
      assertEquals(0, q.pointer());
    }
  }

  @Test
  void newKeysOverwriteTheOldestInFifoOrder() {
    Engine.getInstance().setRandomSeed(2);
    try (NDManager m = NDManager.newBaseManager()) {
      KeyQueue q = new KeyQueue(6, 2, m);
      float[] initialTail = rows(q, 4, 6);
      q.enqueue(batch(m, 1, 0, 0, 1));
      assertEquals(2, q.pointer());
      q.enqueue(batch(m, 2, 0, 0, 2));
      assertArrayEquals(new float[] {1, 0, 0, 1, 2, 0, 0, 2}, rows(q, 0, 4));
      assertArrayEquals(initialTail, rows(q, 4, 6), "rows not reached yet keep their keys");
      q.enqueue(batch(m, 3, 0, 0, 3));
      assertEquals(0, q.pointer());
      // Full: the next batch replaces the oldest one (rows 0-1), the others stay.
      q.enqueue(batch(m, 4, 0, 0, 4));
      assertArrayEquals(new float[] {4, 0, 0, 4, 2, 0, 0, 2, 3, 0, 0, 3}, rows(q, 0, 6));
      assertEquals(2, q.pointer());
    }
  }

  @Test
  void aBatchThatDoesNotDivideTheQueueIsRejectedNamingBoth() {
    try (NDManager m = NDManager.newBaseManager()) {
      KeyQueue q = new KeyQueue(6, 2, m);
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> q.enqueue(batch(m, 1, 0, 0, 1, 1, 1, 0, 0)));
      assertEquals("queue size 6 is not a multiple of the batch size 4 (MoCo needs K % B == 0)", e.getMessage());
      assertEquals(0, q.pointer());
      assertThrows(IllegalArgumentException.class, () -> q.enqueue(m.ones(new Shape(2, 3))));
    }
  }
}

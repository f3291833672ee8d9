package dev.sslbench.training.data;

import dev.sslbench.core.shard.DatasetManifest;
import dev.sslbench.core.shard.ImageShape;
import dev.sslbench.core.shard.ShardDataset;
import dev.sslbench.core.shard.ShardReader;
import dev.sslbench.core.shard.ViewPair;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Streams normalised batches of view pairs from a {@link ShardDataset}: shards are read in order
 * through a seeded shuffle buffer, a background thread assembles batches into a bounded queue, and
 * the time the consumer spends waiting on that queue is recorded ({@link #loaderWaitFraction()}).
 * One epoch is one pass over all shards; the last incomplete batch is dropped, so every batch has
 * exactly {@code batchSize} pairs.
 */
public final class ShardBatchLoader {

  /** Batches prepared ahead of the trainer. */
  public static final int DEFAULT_PREFETCH = 4;

  private final ShardDataset dataset;
  private final int batchSize;
  private final int shuffleBuffer;
  private final long seed;
  private final int prefetch;
  private final PixelNormalizer normalizer;
  private final ImageShape shape;
  private long waitNanos;
  private long activeNanos;

  public ShardBatchLoader(ShardDataset dataset, int batchSize, int shuffleBuffer, long seed) {
    this(dataset, batchSize, shuffleBuffer, seed, DEFAULT_PREFETCH);
  }

  public ShardBatchLoader(
      ShardDataset dataset, int batchSize, int shuffleBuffer, long seed, int prefetch) {
    DatasetManifest m = dataset.manifest();
    if (batchSize <= 0 || shuffleBuffer <= 0 || prefetch <= 0) {
      throw new IllegalArgumentException(
          "batchSize, shuffleBuffer and prefetch must be positive, got " + batchSize + ", "
              + shuffleBuffer + ", " + prefetch);
    }
    if (m.pairs() < batchSize) {
      throw new IllegalArgumentException(
          "dataset " + dataset.dir() + " has " + m.pairs() + " pairs, fewer than one batch of "
              + batchSize);
    }
    this.dataset = dataset;
    this.batchSize = batchSize;
    this.shuffleBuffer = shuffleBuffer;
    this.seed = seed;
    this.prefetch = prefetch;
    this.shape = m.shape();
    this.normalizer = new PixelNormalizer(shape, m.mean(), m.std());
  }

  /** Full batches in one epoch. */
  public long batchesPerEpoch() {
    return dataset.manifest().pairs() / batchSize;
  }

  public ImageShape shape() {
    return shape;
  }

  public int batchSize() {
    return batchSize;
  }

  /**
   * Fraction of the time since the first batch was requested that the consumer spent blocked
   * waiting for data, over all epochs so far (0 when the loader keeps up).
   */
  public synchronized double loaderWaitFraction() {
    return activeNanos == 0 ? 0 : (double) waitNanos / activeNanos;
  }

  /**
   * Starts streaming epoch {@code epoch} (0-based; it seeds the shuffle with the loader seed). Close
   * the returned stream when done, also when stopping early.
   */
  public EpochStream epoch(int epoch) {
    return new EpochStream(epoch);
  }

  private synchronized void account(long waited, long elapsed) {
    waitNanos += waited;
    activeNanos += elapsed;
  }

  /** The batches of one epoch, produced by a background thread. */
  public final class EpochStream implements Iterator<PairBatch>, Closeable {
    private static final Object END = new Object();
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(prefetch);
    private final Thread producer;
    private volatile boolean closed;
    private Object next;
    private long lastReturnNanos = -1;

    private EpochStream(int epoch) {
      long epochSeed = seed * 0x9E3779B97F4A7C15L + epoch;
      producer = new Thread(() -> produce(new SplittableRandom(epochSeed)), "shard-loader-" + epoch);
      producer.setDaemon(true);
      producer.start();
    }

    @Override
    public boolean hasNext() {
      if (next == null) {
        long start = System.nanoTime();
        try {
          next = queue.take();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while waiting for a batch", e);
        }
        long now = System.nanoTime();
        // Time between handing out the previous batch and asking for this one is the trainer's
        // work; the time blocked in take() is waiting for data.
        long elapsed = lastReturnNanos < 0 ? now - start : now - lastReturnNanos;
        account(now - start, elapsed);
        lastReturnNanos = now;
        if (next instanceof Failure f) {
          next = END;
          throw f.error;
        }
      }
      return next != END;
    }

    @Override
    public PairBatch next() {
      if (!hasNext()) {
        throw new NoSuchElementException("epoch finished");
      }
      PairBatch b = (PairBatch) next;
      next = null;
      return b;
    }

    @Override
    public void close() {
      closed = true;
      producer.interrupt();
      queue.clear();
      try {
        producer.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    private void produce(SplittableRandom random) {
      try {
        ViewPair[] buffer = new ViewPair[shuffleBuffer];
        int filled = 0;
        BatchBuilder batch = new BatchBuilder();
        for (Path file : dataset.shardFiles()) {
          try (ShardReader reader = ShardReader.open(file)) {
            if (!reader.shape().equals(shape)) {
              throw new IllegalStateException(
                  file + ": images are " + reader.shape() + " but the manifest says " + shape);
            }
            while (reader.hasNext() && !closed) {
              ViewPair p = reader.next();
              if (filled < shuffleBuffer) {
                buffer[filled++] = p;
              } else {
                // Reservoir-style shuffle buffer: emit a random resident, keep the newcomer.
                int i = random.nextInt(shuffleBuffer);
                batch.add(buffer[i]);
                buffer[i] = p;
              }
            }
          }
        }
        // Drain what is left in random order (Fisher-Yates on the filled prefix).
        for (int n = filled; n > 0 && !closed; n--) {
          int i = random.nextInt(n);
          batch.add(buffer[i]);
          buffer[i] = buffer[n - 1];
        }
        put(END);
      } catch (InterruptedException e) {
        // close() was called: stop quietly.
      } catch (IOException e) {
        offerFailure(new UncheckedIOException(e));
      } catch (RuntimeException e) {
        offerFailure(e);
      }
    }

    private void put(Object item) throws InterruptedException {
      if (!closed) {
        queue.put(item);
      }
    }

    private void offerFailure(RuntimeException e) {
      try {
        put(new Failure(e));
      } catch (InterruptedException ignored) {
        // Closing anyway.
      }
    }

    /** Fills one batch at a time and queues it when full; a partial last batch is dropped. */
    private final class BatchBuilder {
      private final int pixels = shape.pixels();
      private PairBatch current = fresh();
      private int size;

      private PairBatch fresh() {
        return new PairBatch(
            batchSize,
            new float[batchSize * pixels],
            new float[batchSize * pixels],
            new long[batchSize],
            new int[batchSize]);
      }

      void add(ViewPair p) throws InterruptedException {
        normalizer.toChw(p.view1(), current.view1(), size * pixels);
        normalizer.toChw(p.view2(), current.view2(), size * pixels);
        current.imageIndices()[size] = p.imageIndex();
        current.labels()[size] = p.label();
        if (++size == batchSize) {
          put(current);
          current = fresh();
          size = 0;
        }
      }
    }
  }

  private record Failure(RuntimeException error) {}
}

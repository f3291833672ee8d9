package dev.sslbench.training.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.sslbench.core.shard.ImageShape;
import dev.sslbench.training.PretrainOptions;
import dev.sslbench.training.backbone.BackboneSpec;
import dev.sslbench.training.methods.Methods;
import dev.sslbench.training.methods.SslMethod;
import dev.sslbench.training.optim.Optimizer;
import dev.sslbench.training.optim.Optimizers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Measures training throughput (view pairs per second) of each method with its default options on
 * synthetic batches: {@code resnet-tiny} at 28x28x1 and {@code resnet18} at 32x32x3. Also prints
 * the peak resident memory after the warm-up steps and after the timed steps, and the number of
 * live NDArrays then; a constant count means no per-step leak (libtorch's allocator still grows
 * the resident size over the first couple of hundred steps before it levels off).
 *
 * <p>Usage: {@code TrainBench [--steps N] [--warmup N] [--batch B] [--resnet18-batch B]
 * [--resnet18-steps N] [--methods byol,simsiam] [--configs tiny,small,resnet18]}
 */
public final class TrainBench {

  private record Config(String name, BackboneSpec spec, ImageShape shape, int batch, int steps) {}

  private TrainBench() {}

  public static void main(String[] args) {
    Map<String, String> a = parse(args);
    int steps = Integer.parseInt(a.getOrDefault("steps", "10"));
    int warmup = Integer.parseInt(a.getOrDefault("warmup", "2"));
    int batch = Integer.parseInt(a.getOrDefault("batch", "256"));
    int r18Batch = Integer.parseInt(a.getOrDefault("resnet18-batch", "64"));
    int r18Steps = Integer.parseInt(a.getOrDefault("resnet18-steps", "3"));
    List<String> methods = List.of(a.getOrDefault("methods", "byol,simsiam").split(","));
    List<String> configs = List.of(a.getOrDefault("configs", "tiny,resnet18").split(","));

    List<Config> runs = new ArrayList<>();
    if (configs.contains("tiny")) {
      runs.add(new Config("resnet-tiny 28x28x1", BackboneSpec.preset("resnet-tiny", 1),
          new ImageShape(28, 28, 1), batch, steps));
    }
    if (configs.contains("small")) {
      runs.add(new Config("resnet-small 28x28x1", BackboneSpec.preset("resnet-small", 1),
          new ImageShape(28, 28, 1), batch, steps));
    }
    if (configs.contains("resnet18")) {
      runs.add(new Config("resnet18 32x32x3", BackboneSpec.preset("resnet18", 3),
          new ImageShape(32, 32, 3), r18Batch, r18Steps));
    }
    System.out.printf(Locale.ROOT, "engine %s, device %s, peak RSS at start %.0f MiB%n",
        Engine.getInstance().getEngineName(), Engine.getInstance().defaultDevice(),
        ProcessMemory.peakResidentMib());
    for (Config c : runs) {
      for (String m : methods) {
        bench(c, m.trim(), warmup);
      }
    }
  }

  private static void bench(Config c, String method, int warmup) {
    PretrainOptions opts = Methods.defaults(method, c.spec()).withBatchSize(c.batch());
    Engine.getInstance().setRandomSeed(1);
    Shape shape = new Shape(c.batch(), c.shape().channels(), c.shape().height(), c.shape().width());
    SplittableRandom random = new SplittableRandom(1);
    float[] v1 = new float[c.batch() * c.shape().pixels()];
    float[] v2 = new float[v1.length];
    try (NDManager manager = NDManager.newBaseManager();
        Optimizer optimizer =
            Optimizers.create(opts.optimizer(), opts.momentum(), opts.weightDecay(), manager)) {
      SslMethod sslMethod = Methods.create(method, opts, c.shape(), manager);
      long total = warmup + c.steps();
      double peakAfterWarmup = 0;
      int arraysAfterWarmup = 0;
      long timedStart = 0;
      long cpuStart = 0;
      double loss = Double.NaN;
      for (long step = 0; step < total; step++) {
        if (step == warmup) {
          peakAfterWarmup = ProcessMemory.peakResidentMib();
          arraysAfterWarmup = manager.getManagedArrays().size();
          timedStart = System.nanoTime();
          cpuStart = ProcessMemory.cpuNanos();
        }
        for (int i = 0; i < v1.length; i++) {
          v1[i] = (float) random.nextGaussian();
          v2[i] = (float) random.nextGaussian();
        }
        try (NDManager stepManager = manager.newSubManager()) {
          NDArray x1 = stepManager.create(v1, shape);
          NDArray x2 = stepManager.create(v2, shape);
          loss = sslMethod.trainStep(x1, x2, optimizer, opts.lr(), step, total).loss();
        }
      }
      double seconds = (System.nanoTime() - timedStart) / 1e9;
      double cpuSeconds = (ProcessMemory.cpuNanos() - cpuStart) / 1e9;
      System.out.printf(Locale.ROOT,
          "%-8s %-20s batch %4d  %3d steps  %8.1f img/s (pairs)  %6.2f s/step  %6.2f cpu-s/step"
              + "  loss %.4f  peak RSS %.0f MiB after warm-up, %.0f MiB after %d steps"
              + " (RSS now %.0f MiB), live arrays %d -> %d%n",
          method, c.name(), c.batch(), c.steps(), c.steps() * c.batch() / seconds,
          seconds / c.steps(), cpuSeconds / c.steps(), loss, peakAfterWarmup,
          ProcessMemory.peakResidentMib(), c.steps(), ProcessMemory.residentMib(),
          arraysAfterWarmup, manager.getManagedArrays().size());
    }
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --key value pairs, got " + String.join(" ", args));
      }
      m.put(args[i].substring(2), args[++i]);
    }
    return m;
  }
}

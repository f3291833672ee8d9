package dev.sslbench.training;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.sslbench.core.progress.Progress;
import dev.sslbench.core.shard.ImageShape;
import dev.sslbench.core.shard.ShardDataset;
import dev.sslbench.core.tracking.MetricSink;
import dev.sslbench.training.checkpoint.BackboneCheckpoint;
import dev.sslbench.training.data.PairBatch;
import dev.sslbench.training.data.ShardBatchLoader;
import dev.sslbench.training.methods.Methods;
import dev.sslbench.training.methods.SslMethod;
import dev.sslbench.training.methods.StepResult;
import dev.sslbench.training.optim.LrSchedule;
import dev.sslbench.training.optim.Optimizer;
import dev.sslbench.training.optim.Optimizers;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Runs self-supervised pretraining on a view-pair dataset and saves the online backbone. Trains on
 * the engine's default device (the GPU when one is visible, else the CPU).
 *
 * <p>Metrics, at every {@code logEvery}-th step and the last one, indexed by the 1-based step:
 * {@code loss}, {@code lr}, {@code tau} (momentum methods), {@code z_std}, {@code
 * throughput_img_s} (view pairs per second since the start) and {@code loader_wait_fraction}.
 */
public final class Pretrainer {

  /** Name of the checkpoint directory inside the output directory. */
  public static final String CHECKPOINT_DIR = "checkpoint";

  private final PrintStream progressOut;
  private final Duration progressInterval;

  /** Progress lines to stderr at most every 5 seconds. */
  public Pretrainer() {
    this(System.err, Duration.ofSeconds(5));
  }

  public Pretrainer(PrintStream progressOut, Duration progressInterval) {
    this.progressOut = progressOut;
    this.progressInterval = progressInterval;
  }

  /**
   * Trains {@code opts.method()} on {@code data} and writes the backbone checkpoint to {@code
   * outputDir/checkpoint}.
   *
   * @throws TrainingDivergedException if the loss becomes NaN or infinite
   */
  public PretrainResult run(PretrainOptions opts, ShardDataset data, Path outputDir, MetricSink sink)
      throws IOException {
    ImageShape shape = data.manifest().shape();
    ShardBatchLoader loader =
        new ShardBatchLoader(data, opts.batchSize(), opts.shuffleBuffer(), opts.seed());
    long perEpoch = loader.batchesPerEpoch();
    long planned = perEpoch * opts.epochs();
    long totalSteps = opts.maxSteps() > 0 ? Math.min(planned, opts.maxSteps()) : planned;
    long warmup = Math.min(totalSteps, Math.round(opts.warmupEpochs() * perEpoch));
    LrSchedule schedule = LrSchedule.warmupCosine(opts.lr(), warmup, totalSteps);
    int epochs = (int) Math.min(opts.epochs(), (totalSteps + perEpoch - 1) / perEpoch);

    // Same seed, same initial weights: DJL initialisers draw from the engine's global RNG.
    Engine.getInstance().setRandomSeed(Long.hashCode(opts.seed()));
    Device device = Engine.getInstance().defaultDevice();
    Progress progress =
        new Progress("pretrain " + opts.method(), epochs, totalSteps, progressOut, progressInterval);
    long start = System.nanoTime();
    try (NDManager manager = NDManager.newBaseManager(device);
        Optimizer optimizer =
            Optimizers.create(opts.optimizer(), opts.momentum(), opts.weightDecay(), manager)) {
      SslMethod method = Methods.create(opts.method(), opts, shape, manager);
      Shape batchShape = new Shape(opts.batchSize(), shape.channels(), shape.height(), shape.width());
      long step = 0;
      StepResult last = null;
      for (int epoch = 0; epoch < epochs && step < totalSteps; epoch++) {
        try (ShardBatchLoader.EpochStream batches = loader.epoch(epoch)) {
          while (step < totalSteps && batches.hasNext()) {
            PairBatch batch = batches.next();
            double lr = schedule.at(step);
            try (NDManager stepManager = manager.newSubManager()) {
              NDArray x1 = stepManager.create(batch.view1(), batchShape);
              NDArray x2 = stepManager.create(batch.view2(), batchShape);
              last = method.trainStep(x1, x2, optimizer, lr, step, totalSteps);
            } catch (SslMethod.NonFiniteLossException e) {
              throw new TrainingDivergedException(opts.method(), step + 1, epoch + 1, e.loss(), lr);
            }
            step++;
            progress.step(
                epoch + 1,
                step,
                batch.size(),
                String.format(Locale.ROOT, "loss %.4f  z_std %.4f  lr %.4g", last.loss(), last.zStd(), lr));
            if (step % opts.logEvery() == 0 || step == totalSteps) {
              log(sink, step, last, lr, progress.imagesPerSecond(), loader.loaderWaitFraction());
            }
          }
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      Path checkpoint = outputDir.resolve(CHECKPOINT_DIR);
      Map<String, String> meta = new LinkedHashMap<>(opts.asParams());
      meta.put("steps", Long.toString(step));
      meta.put("final_loss", Double.toString(last.loss()));
      meta.put("final_z_std", Double.toString(last.zStd()));
      meta.put("dataset", String.valueOf(data.manifest().dataset()));
      meta.put("dataset_dir", data.dir().toString());
      BackboneCheckpoint.save(checkpoint, method.backbone(), opts.backbone(), meta);
      return new PretrainResult(
          checkpoint, step, last.loss(), last.zStd(), step * opts.batchSize() / seconds,
          loader.loaderWaitFraction(), seconds);
    }
  }

  private static void log(
      MetricSink sink, long step, StepResult r, double lr, double imgPerSec, double waitFraction) {
    sink.log("loss", r.loss(), step);
    sink.log("lr", lr, step);
    r.extras().forEach((k, v) -> sink.log(k, v, step));
    sink.log("z_std", r.zStd(), step);
    sink.log("throughput_img_s", imgPerSec, step);
    sink.log("loader_wait_fraction", waitFraction, step);
  }
}

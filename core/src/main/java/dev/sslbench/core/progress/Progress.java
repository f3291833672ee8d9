package dev.sslbench.core.progress;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * One progress line per update for a long stage: stage, epoch, step, img/s and ETA.
 *
 * <p>Lines are rate-limited so that a fast loop does not flood the terminal; the final step is
 * always printed.
 */
public final class Progress {
  private final String stage;
  private final long totalSteps;
  private final int totalEpochs;
  private final PrintStream out;
  private final long minIntervalNanos;
  private final long startNanos = System.nanoTime();
  private long lastPrintNanos;
  private long images;

  public Progress(String stage, int totalEpochs, long totalSteps) {
    this(stage, totalEpochs, totalSteps, System.err, Duration.ofSeconds(5));
  }

  public Progress(
      String stage, int totalEpochs, long totalSteps, PrintStream out, Duration minInterval) {
    this.stage = stage;
    this.totalEpochs = totalEpochs;
    this.totalSteps = totalSteps;
    this.out = out;
    this.minIntervalNanos = minInterval.toNanos();
    this.lastPrintNanos = startNanos;
  }

  /** Records that {@code step} (1-based) finished after processing {@code batchImages} images. */
  public void step(int epoch, long step, int batchImages, String extra) {
    images += batchImages;
    long now = System.nanoTime();
    if (step < totalSteps && now - lastPrintNanos < minIntervalNanos) {
      return;
    }
    lastPrintNanos = now;
    double seconds = Math.max(1e-9, (now - startNanos) / 1e9);
    double rate = images / seconds;
    double eta = step > 0 ? seconds * (totalSteps - step) / step : Double.NaN;
    out.printf(
        Locale.ROOT,
        "[%s] epoch %d/%d step %d/%d  %.1f img/s  elapsed %s  ETA %s%s%n",
        stage,
        epoch,
        totalEpochs,
        step,
        totalSteps,
        rate,
        format(seconds),
        format(eta),
        extra == null || extra.isEmpty() ? "" : "  " + extra);
  }

  /** Images per second since this progress was created. */
  public double imagesPerSecond() {
    return images / Math.max(1e-9, (System.nanoTime() - startNanos) / 1e9);
  }

  static String format(double seconds) {
    if (Double.isNaN(seconds) || Double.isInfinite(seconds)) {
      return "?";
    }
    long s = Math.round(seconds);
    return s >= 3600
        ? String.format(Locale.ROOT, "%dh%02dm%02ds", s / 3600, (s / 60) % 60, s % 60)
        : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
  }
}

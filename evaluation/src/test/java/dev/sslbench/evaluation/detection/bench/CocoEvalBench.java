package dev.sslbench.evaluation.detection.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sslbench.evaluation.detection.CocoCaseGenerator;
import dev.sslbench.evaluation.detection.CocoDataset;
import dev.sslbench.evaluation.detection.CocoEvaluator;
import dev.sslbench.evaluation.detection.CocoResults;
import dev.sslbench.evaluation.detection.PycocotoolsOracle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Times the Java evaluator and pycocotools (evaluate + accumulate + summarize, files already
 * parsed) on one generated 5,000-image case and checks that the 12 stats are identical.
 */
public final class CocoEvalBench {
  private static final int IMAGES = 5000;
  private static final int CATEGORIES = 10;
  private static final int JAVA_RUNS = 3;

  private CocoEvalBench() {}

  public static void main(String[] args) throws IOException {
    Path dir = Files.createTempDirectory("sslbench-coco-bench");
    CocoCaseGenerator.Case c =
        new CocoCaseGenerator(20240601L).write(dir, "bench", IMAGES, CATEGORIES, false);
    CocoDataset gt = CocoDataset.read(c.gt());
    CocoResults dt = CocoResults.read(c.dt(), gt);
    System.out.printf(
        "case: %d images, %d categories, %d ground truth, %d detections%n",
        IMAGES, CATEGORIES, gt.annotations().size(), dt.detections().size());
    double[] javaStats = null;
    double first = 0;
    double best = Double.MAX_VALUE;
    for (int run = 0; run < JAVA_RUNS; run++) {
      long start = System.nanoTime();
      javaStats = new CocoEvaluator(gt, dt).run();
      double seconds = (System.nanoTime() - start) / 1e9;
      first = run == 0 ? seconds : first;
      best = Math.min(best, seconds);
    }
    JsonNode oracle = PycocotoolsOracle.create().evaluate(List.of(c), dir);
    double pythonSeconds = oracle.path("cases").path("bench").path("seconds").doubleValue();
    double[] pythonStats = PycocotoolsOracle.stats(oracle, "bench");
    System.out.printf("java:        first run %.3f s, best of %d %.3f s%n", first, JAVA_RUNS, best);
    System.out.printf("pycocotools: %.3f s%n", pythonSeconds);
    System.out.printf(
        "ratio pycocotools/java: %.1fx (first run), %.1fx (best)%n",
        pythonSeconds / first, pythonSeconds / best);
    System.out.println("java stats:        " + Arrays.toString(javaStats));
    System.out.println("pycocotools stats: " + Arrays.toString(pythonStats));
    System.out.println("all 12 stats identical: " + Arrays.equals(javaStats, pythonStats));
  }
}

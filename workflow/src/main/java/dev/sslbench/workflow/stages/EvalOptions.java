package dev.sslbench.workflow.stages;

import dev.sslbench.evaluation.KnnOptions;
import dev.sslbench.evaluation.LinearProbeOptions;
import java.nio.file.Path;

/**
 * What one evaluation of a frozen backbone does: which dataset ({@code format} as the preprocess stage names it)
 * and splits (the first {@code trainLimit} train images to fit, the first {@code testLimit} test images to report;
 * 0 = all), and the kNN and linear-probe settings (either may be null to skip it).
 */
public record EvalOptions(
    String format, Path datasetDir, int trainLimit, int testLimit, KnnOptions knn, LinearProbeOptions linear) {}

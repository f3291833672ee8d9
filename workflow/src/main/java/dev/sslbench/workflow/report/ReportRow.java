package dev.sslbench.workflow.report;

/**
 * One row of an experiment's results table: a backbone (pretrained by a method, or random-init) and its scores.
 * Accuracies are fractions in [0, 1]; absent values are null.
 */
public record ReportRow(
    String method,
    Integer epochs,
    Integer batchSize,
    Double knnTop1,
    Double linearTop1,
    Double linearTop5,
    Double zStd,
    String pretrainRunId,
    String evalRunId) {}

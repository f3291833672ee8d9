package dev.sslbench.evaluation;

/**
 * kNN accuracy on the test features as fractions in [0, 1], with the k actually used (at most
 * the number of train rows) and the temperature.
 */
public record KnnResult(double top1, double top5, int k, double temperature) {}

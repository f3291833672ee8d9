package dev.sslbench.evaluation;

/**
 * Linear-probe accuracy on the test features as fractions in [0, 1], the epochs trained and the
 * mean cross-entropy of the last epoch.
 */
public record LinearResult(double top1, double top5, int epochs, double finalTrainLoss) {}

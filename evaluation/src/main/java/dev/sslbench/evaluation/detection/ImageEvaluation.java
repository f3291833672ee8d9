package dev.sslbench.evaluation.detection;

/**
 * The matching of one image and category within one area range (pycocotools' {@code evalImgs}
 * entry).
 *
 * @param dtScores detection scores, highest first (D)
 * @param dtMatches {@code [T][D]} id of the matched ground truth, 0 when unmatched
 * @param dtIgnore {@code [T][D]} whether the detection counts neither as TP nor FP
 * @param gtIgnore {@code [G]} whether the ground truth is ignored (crowd or outside the range)
 */
record ImageEvaluation(
    double[] dtScores, long[][] dtMatches, boolean[][] dtIgnore, boolean[] gtIgnore) {}

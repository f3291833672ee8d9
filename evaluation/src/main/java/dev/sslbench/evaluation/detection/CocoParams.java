package dev.sslbench.evaluation.detection;

import java.util.List;

/**
 * The parameters of COCO bbox evaluation, pycocotools' {@code Params.setDetParams}.
 *
 * @param iouThrs IoU thresholds (T)
 * @param recThrs recall thresholds at which precision is sampled (R)
 * @param areaRanges object area ranges {@code [lo, hi]}, both ends inclusive (A)
 * @param areaLabels one label per area range, used by the summary
 * @param maxDets maximum detections per image and category, ascending (M)
 */
public record CocoParams(
    double[] iouThrs,
    double[] recThrs,
    double[][] areaRanges,
    List<String> areaLabels,
    int[] maxDets) {

  public CocoParams {
    if (areaRanges.length != areaLabels.size()) {
      throw new IllegalArgumentException("one label per area range is needed");
    }
    for (int i = 1; i < maxDets.length; i++) {
      if (maxDets[i] < maxDets[i - 1]) {
        throw new IllegalArgumentException("maxDets must be ascending");
      }
    }
  }

  /** pycocotools' defaults: IoU 0.50:0.05:0.95, recall 0:0.01:1, all/small/medium/large, 1/10/100. */
  public static CocoParams defaults() {
    return new CocoParams(
        linspace(0.5, 0.95, 10),
        linspace(0.0, 1.0, 101),
        new double[][] {{0, 1e10}, {0, 32 * 32}, {32 * 32, 96 * 96}, {96 * 96, 1e10}},
        List.of("all", "small", "medium", "large"),
        new int[] {1, 10, 100});
  }

  /**
   * numpy's {@code linspace(start, stop, num)}: {@code start + i * step} with {@code step = (stop
   * - start) / (num - 1)} and the last value set to {@code stop}, so the thresholds are the very
   * doubles pycocotools compares against ({@code 0.5 + 0.05 * i} is not).
   */
  public static double[] linspace(double start, double stop, int num) {
    double[] values = new double[num];
    double step = (stop - start) / (num - 1);
    for (int i = 0; i < num; i++) {
      values[i] = i * step + start;
    }
    if (num > 1) {
      values[num - 1] = stop;
    }
    return values;
  }

  int areaIndex(String label) {
    int index = areaLabels.indexOf(label);
    if (index < 0) {
      throw new IllegalArgumentException("no area range labelled " + label);
    }
    return index;
  }

  int maxDetsIndex(int value) {
    for (int i = 0; i < maxDets.length; i++) {
      if (maxDets[i] == value) {
        return i;
      }
    }
    throw new IllegalArgumentException("no maxDets " + value);
  }
}

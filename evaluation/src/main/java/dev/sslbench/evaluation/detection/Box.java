package dev.sslbench.evaluation.detection;

/** An axis-aligned box in COCO's {@code [x, y, width, height]} convention. */
public record Box(double x, double y, double width, double height) {

  /** Width times height, as pycocotools' {@code loadRes} computes a detection's area. */
  public double area() {
    return width * height;
  }
}

package dev.sslbench.evaluation.detection;

/** One ground-truth annotation of a COCO instances file; {@code area} is the file's field. */
public record GroundTruth(long id, long imageId, long categoryId, Box box, double area, boolean crowd) {}

package dev.sslbench.evaluation.detection;

/**
 * One detection of a COCO result file; {@code id} is its 1-based position in the file, as
 * pycocotools' {@code loadRes} numbers results.
 */
public record Detection(long id, long imageId, long categoryId, Box box, double score) {}

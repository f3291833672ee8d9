package dev.sslbench.training;

import java.nio.file.Path;

/**
 * Outcome of a pretraining run.
 *
 * @param checkpointDir the saved online backbone (see {@code BackboneCheckpoint.load})
 * @param steps optimizer steps taken
 * @param finalLoss loss of the last step
 * @param finalZStd collapse monitor of the last step
 * @param imagesPerSecond training throughput, one image per view pair
 * @param loaderWaitFraction fraction of the run the trainer waited for data
 * @param seconds wall time of the training loop
 */
public record PretrainResult(
    Path checkpointDir,
    long steps,
    double finalLoss,
    double finalZStd,
    double imagesPerSecond,
    double loaderWaitFraction,
    double seconds) {}

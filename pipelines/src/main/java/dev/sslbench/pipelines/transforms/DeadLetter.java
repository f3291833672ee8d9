package dev.sslbench.pipelines.transforms;

import java.io.Serializable;

/** A pair that could not be produced: which image and epoch, at which stage, and why. */
public record DeadLetter(long imageIndex, int epoch, String stage, String reason)
    implements Serializable {}

package dev.sslbench.pipelines.transforms;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.Serializable;

/**
 * A pair that could not be produced: which image and epoch, at which stage, from which source
 * file (when the source record itself was bad), and why.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeadLetter(long imageIndex, int epoch, String stage, String source, String reason)
    implements Serializable {

  /** A dead letter of a stage after reading, where the image index identifies the record. */
  public DeadLetter(long imageIndex, int epoch, String stage, String reason) {
    this(imageIndex, epoch, stage, null, reason);
  }
}

package dev.sslbench.workflow.cli;

import dev.sslbench.training.backbone.BackboneSpec;
import java.util.Iterator;

/** The backbone presets this build implements, for option help and completion. */
public final class BackboneNames implements Iterable<String> {
  @Override
  public Iterator<String> iterator() {
    return BackboneSpec.PRESETS.iterator();
  }
}

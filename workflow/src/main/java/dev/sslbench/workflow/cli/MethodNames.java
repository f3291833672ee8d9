package dev.sslbench.workflow.cli;

import dev.sslbench.training.methods.Methods;
import java.util.Iterator;

/** The SSL methods this build implements, for option help and completion. */
public final class MethodNames implements Iterable<String> {
  @Override
  public Iterator<String> iterator() {
    return Methods.NAMES.iterator();
  }
}

package dev.sslbench.workflow.cli;

import java.nio.file.Path;

/** Locates the sslbench checkout, for the files it ships (experiments/). */
final class CheckoutPaths {
  private CheckoutPaths() {}

  /** The launcher passes {@code -Dsslbench.root}; otherwise the working directory. */
  static Path root() {
    String root = System.getProperty("sslbench.root");
    return Path.of(root != null ? root : "").toAbsolutePath();
  }
}

package dev.sslbench.core.tracking;

/** A tracking-server call failed; the message names the run, request and the server's answer. */
public final class TrackingException extends RuntimeException {
  public TrackingException(String message) {
    super(message);
  }

  public TrackingException(String message, Throwable cause) {
    super(message, cause);
  }
}

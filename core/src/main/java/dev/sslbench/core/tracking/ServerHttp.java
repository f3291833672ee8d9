package dev.sslbench.core.tracking;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Plain HTTP to the tracking server: run artifacts through its proxied artifact REST API ({@code
 * /api/2.0/mlflow-artifacts/artifacts/...}), so clients need neither Python nor direct access to
 * the artifact store, and the few tracking calls the Java client handles badly.
 */
final class ServerHttp {
  static final String SCHEME = "mlflow-artifacts";
  private static final String API = "/api/2.0/mlflow-artifacts/artifacts/";

  private final String baseUri;
  private final Optional<String> authorization;
  private final HttpClient http;
  private final Duration requestTimeout;

  ServerHttp(String baseUri, Optional<String> authorization, Duration requestTimeout) {
    this.baseUri = baseUri.endsWith("/") ? baseUri.substring(0, baseUri.length() - 1) : baseUri;
    this.authorization = authorization;
    this.requestTimeout = requestTimeout;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
  }

  /**
   * The run's artifact root as a path under the proxied API: {@code
   * mlflow-artifacts:/1/<run>/artifacts} becomes {@code 1/<run>/artifacts}.
   */
  static String proxiedRoot(String runId, String artifactUri) {
    URI uri = URI.create(artifactUri);
    if (!SCHEME.equals(uri.getScheme())) {
      throw new TrackingException(
          "run "
              + runId
              + " stores artifacts at '"
              + artifactUri
              + "', not under "
              + SCHEME
              + ":/; sslbench uploads through the server's proxied artifact API, so the server"
              + " must run with --serve-artifacts (infra/mlflow/server.sh does)");
    }
    String path = uri.getPath() == null ? "" : uri.getPath();
    while (path.startsWith("/")) {
      path = path.substring(1);
    }
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return path;
  }

  void upload(Path file, String proxiedPath) {
    HttpRequest request;
    try {
      request =
          request(proxiedPath)
              .header("Content-Type", "application/octet-stream")
              .PUT(HttpRequest.BodyPublishers.ofFile(file))
              .build();
    } catch (IOException e) {
      throw new TrackingException("cannot read artifact file " + file + ": " + e.getMessage(), e);
    }
    HttpResponse<String> response =
        send(request, HttpResponse.BodyHandlers.ofString(), proxiedPath);
    if (response.statusCode() / 100 != 2) {
      throw new TrackingException(
          "uploading "
              + file
              + " to "
              + request.uri()
              + " failed: HTTP "
              + response.statusCode()
              + " "
              + response.body());
    }
  }

  /**
   * GETs a tracking REST endpoint ({@code apiPathAndQuery} below {@code /api/2.0/mlflow/}) without
   * the Java client's blanket retries, for calls where a 404 is an ordinary answer.
   */
  HttpResponse<String> getTracking(String apiPathAndQuery) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(baseUri + "/api/2.0/mlflow/" + apiPathAndQuery))
            .timeout(Duration.ofMinutes(1))
            .GET();
    authorization.ifPresent(value -> builder.header("Authorization", value));
    return send(builder.build(), HttpResponse.BodyHandlers.ofString(), apiPathAndQuery);
  }

  byte[] download(String proxiedPath) {
    HttpRequest request = request(proxiedPath).GET().build();
    HttpResponse<byte[]> response =
        send(request, HttpResponse.BodyHandlers.ofByteArray(), proxiedPath);
    if (response.statusCode() / 100 != 2) {
      throw new TrackingException(
          "downloading "
              + request.uri()
              + " failed: HTTP "
              + response.statusCode()
              + " "
              + new String(response.body(), StandardCharsets.UTF_8));
    }
    return response.body();
  }

  private HttpRequest.Builder request(String proxiedPath) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(baseUri + API + encodePath(proxiedPath)))
            .timeout(requestTimeout);
    authorization.ifPresent(value -> builder.header("Authorization", value));
    return builder;
  }

  private <T> HttpResponse<T> send(
      HttpRequest request, HttpResponse.BodyHandler<T> handler, String proxiedPath) {
    try {
      return http.send(request, handler);
    } catch (IOException e) {
      throw new TrackingException(
          "artifact request " + request.method() + " " + request.uri() + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TrackingException("interrupted during artifact request for " + proxiedPath, e);
    }
  }

  /** Percent-encodes each segment; slashes stay separators. */
  static String encodePath(String path) {
    StringBuilder out = new StringBuilder();
    for (String segment : path.split("/", -1)) {
      if (out.length() > 0) {
        out.append('/');
      }
      out.append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
    }
    return out.toString();
  }

  /**
   * Validates a relative artifact path given by a caller: no absolute paths, no {@code ..}, no
   * empty segments, so uploads can never escape the run's artifact root.
   */
  static String requireRelative(String what, String path) {
    if (path.isEmpty()) {
      return path;
    }
    String normalized = path.replace('\\', '/');
    if (normalized.startsWith("/")) {
      throw new IllegalArgumentException(what + " '" + path + "' must be relative");
    }
    while (normalized.endsWith("/")) {
      normalized = normalized.substring(0, normalized.length() - 1);
    }
    for (String segment : normalized.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw new IllegalArgumentException(
            what + " '" + path + "' has an empty, '.' or '..' segment");
      }
    }
    return normalized;
  }
}

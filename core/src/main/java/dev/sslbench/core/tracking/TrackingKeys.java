package dev.sslbench.core.tracking;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** MLflow's key rules and limits, and the test for keys whose values must never be logged. */
public final class TrackingKeys {
  /** MLflow system tag that links a nested run to its parent (the UI nests on it). */
  public static final String PARENT_RUN_ID = "mlflow.parentRunId";

  /** MLflow system tag holding the run's display name. */
  public static final String RUN_NAME = "mlflow.runName";

  /** Tag listing the names of params that were dropped because they look like secrets. */
  public static final String REDACTED_PARAMS = "redacted_params";

  /** Tag listing the names of tags that were dropped because they look like secrets. */
  public static final String REDACTED_TAGS = "redacted_tags";

  /** Tag listing the names of params whose values were cut to {@link #MAX_PARAM_VALUE}. */
  public static final String TRUNCATED_PARAMS = "truncated_params";

  /**
   * Param values above this are rejected by older servers (newer ones allow 6000); staying under
   * it keeps runs portable between server versions.
   */
  public static final int MAX_PARAM_VALUE = 500;

  /** Tag value limit of the oldest server versions still in use (newer ones allow 8000). */
  public static final int MAX_TAG_VALUE = 5000;

  public static final int MAX_KEY = 250;

  /** Per-request limits of MLflow's log-batch endpoint. */
  static final int BATCH_MAX_PARAMS = 100;

  static final int BATCH_MAX_TAGS = 100;

  static final int BATCH_MAX_METRICS = 1000;

  // MLflow accepts alphanumerics, underscores, dashes, periods, spaces and slashes.
  private static final Pattern VALID_KEY = Pattern.compile("[\\w\\-. /]+");
  private static final Pattern CAMEL = Pattern.compile("(?<=[a-z0-9])(?=[A-Z])");
  private static final Pattern NON_ALNUM = Pattern.compile("[^A-Za-z0-9]+");

  private TrackingKeys() {}

  /** Throws with the key and the rule it breaks unless MLflow accepts {@code key}. */
  public static void requireValid(String kind, String key) {
    if (key == null || key.isEmpty()) {
      throw new IllegalArgumentException(kind + " key is empty");
    }
    if (key.length() > MAX_KEY) {
      throw new IllegalArgumentException(
          kind + " key '" + key + "' is longer than " + MAX_KEY + " characters");
    }
    if (!VALID_KEY.matcher(key).matches()) {
      throw new IllegalArgumentException(
          kind
              + " key '"
              + key
              + "' has characters MLflow rejects (allowed: letters, digits, _ - . space /)");
    }
  }

  /**
   * Whether a key names a secret: password, secret, token, credential, API key or private key, in
   * any case or separator style ({@code db.password}, {@code apiKey}, {@code
   * AWS_SECRET_ACCESS_KEY}).
   */
  public static boolean looksSecret(String key) {
    List<String> words = words(key);
    for (int i = 0; i < words.size(); i++) {
      String w = words.get(i);
      if (w.equals("password")
          || w.equals("passwd")
          || w.equals("secret")
          || w.equals("token")
          || w.equals("credential")
          || w.equals("apikey")
          || w.equals("privatekey")) {
        return true;
      }
      if (i + 1 < words.size()
          && (w.equals("api") || w.equals("private"))
          && words.get(i + 1).equals("key")) {
        return true;
      }
    }
    return false;
  }

  /** Cuts {@code value} to {@code max} characters, marking the cut so nobody takes it as whole. */
  static String truncate(String value, int max) {
    if (value.length() <= max) {
      return value;
    }
    return value.substring(0, max - 3) + "...";
  }

  private static List<String> words(String key) {
    List<String> words = new ArrayList<>();
    for (String part : NON_ALNUM.split(CAMEL.matcher(key).replaceAll(" "))) {
      if (part.isEmpty()) {
        continue;
      }
      String w = part.toLowerCase(Locale.ROOT);
      // Plurals count too: "credentials", "tokens", "secrets".
      if (w.length() > 3 && w.endsWith("s")) {
        w = w.substring(0, w.length() - 1);
      }
      words.add(w);
    }
    return words;
  }
}

package dev.sslbench.core.tracking;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TrackingKeysTest {
  @Test
  void secretLookingKeysInAnyStyle() {
    for (String key :
        new String[] {
          "password", "db.password", "DB_PASSWD", "aws_secret_access_key", "clientSecret",
          "mlflow.tracking_token", "tokens", "credentials.file", "api_key", "apiKey", "APIKEY",
          "ssh.private-key", "privateKey", "Api Key"
        }) {
      assertTrue(TrackingKeys.looksSecret(key), key);
    }
  }

  @Test
  void ordinaryKeysAreKept() {
    for (String key :
        new String[] {
          "optimizer.lr", "keyframe", "monkey", "key", "public_key_size", "tokenizer", "secretary",
          "passes", "augment.view1.blur_p"
        }) {
      assertFalse(TrackingKeys.looksSecret(key), key);
    }
  }

  @Test
  void keyRulesOfMlflow() {
    assertDoesNotThrow(() -> TrackingKeys.requireValid("metric", "train/loss step-1 v.2"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> TrackingKeys.requireValid("param", "a:b"));
    assertTrue(e.getMessage().contains("'a:b'"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> TrackingKeys.requireValid("param", ""));
    assertThrows(
        IllegalArgumentException.class, () -> TrackingKeys.requireValid("param", "k".repeat(251)));
  }

  @Test
  void truncationMarksTheCut() {
    assertEquals("abc", TrackingKeys.truncate("abc", 5));
    String cut = TrackingKeys.truncate("abcdefgh", 5);
    assertEquals("ab...", cut);
    assertEquals(5, cut.length());
  }
}

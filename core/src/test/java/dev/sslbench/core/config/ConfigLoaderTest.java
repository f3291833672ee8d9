package dev.sslbench.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConfigLoaderTest {
  private static final Vocabulary VOCABULARY =
      Vocabulary.of(java.util.List.of("byol", "simsiam"), java.util.List.of("resnet-tiny", "resnet18"));


  @Test
  void readsSnakeCaseKeysAndFillsDefaults() {
    ExperimentConfig c =
        ConfigLoader.parse(
            """
            name: demo
            seed: 7
            preprocess:
              augmentation_epochs: 2
              limit: 100
            pretrain:
              - method: byol
                epochs: 4
                batch_size: 64
            """,
            "demo.yaml", VOCABULARY);
    assertEquals("demo", c.name());
    assertEquals(7L, c.seed());
    assertEquals(2, c.preprocess().augmentationEpochs());
    assertEquals(100, c.preprocess().limit());
    assertEquals(8, c.preprocess().numShards());
    assertEquals("byol", c.pretrain().get(0).method());
    assertEquals(64, c.pretrain().get(0).batchSize());
    assertEquals(200, c.evaluation().knn().k());
    assertEquals("/usr/share/datasets/fashion-mnist", c.dataset().path());
  }

  @Test
  void unknownKeyNamesFileLineKeyAndKnownKeys() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> ConfigLoader.parse("name: demo\npretrain:\n  - method: byol\n    epoch: 3\n", "demo.yaml", VOCABULARY));
    assertTrue(e.getMessage().startsWith("demo.yaml:4: unknown key 'epoch'"), e.getMessage());
    assertTrue(e.getMessage().contains("pretrain[0]"), e.getMessage());
    assertTrue(e.getMessage().contains("epochs"), e.getMessage());
  }

  @Test
  void wrongTypeNamesLineAndKey() {
    ConfigException e =
        assertThrows(ConfigException.class, () -> ConfigLoader.parse("name: demo\nseed: many\n", "x.yaml", VOCABULARY));
    assertTrue(e.getMessage().startsWith("x.yaml:2: bad value at seed"), e.getMessage());
  }

  @Test
  void impossibleCombinationIsExplained() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                ConfigLoader.parse(
                    "preprocess:\n  augmentation_epochs: 3\npretrain:\n  - method: simsiam\n    epochs: 4\n",
                    "x.yaml", VOCABULARY));
    assertTrue(e.getMessage().contains("pretrain[0].epochs"), e.getMessage());
    assertTrue(e.getMessage().contains("multiple of preprocess.augmentation_epochs (3)"), e.getMessage());
  }

  @Test
  void unknownMethodIsRejected() {
    ConfigException e =
        assertThrows(
            ConfigException.class, () -> ConfigLoader.parse("pretrain:\n  - method: dino\n", "x.yaml", VOCABULARY));
    assertTrue(e.getMessage().contains("pretrain[0].method"), e.getMessage());
  }

  @Test
  void twoRunsOfOneMethodNeedLabelsOfTheirOwn() {
    String twice = "pretrain:\n  - method: byol\n  - method: byol\n";
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(twice, "x.yaml", VOCABULARY));
    assertTrue(e.getMessage().contains("pretrain[1].label"), e.getMessage());
    ExperimentConfig c =
        ConfigLoader.parse(
            "pretrain:\n  - {method: byol, label: byol-a}\n  - {method: byol, label: byol-b, projector_norm: none}\n",
            "x.yaml",
            VOCABULARY);
    assertEquals("byol-b", c.pretrain().get(1).label());
    assertEquals("none", c.pretrain().get(1).projectorNorm());
    assertEquals("byol", c.pretrain().get(0).method());
  }
}

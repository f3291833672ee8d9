package dev.sslbench.training.checkpoint;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.sslbench.training.backbone.BackboneSpec;
import dev.sslbench.training.backbone.Backbones;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Saves and loads a pretrained backbone: a directory with {@code backbone.params} (DJL's parameter
 * encoding) and {@code checkpoint.json} (spec, SHA-256 of the parameters, run metadata). Saving is
 * atomic: the files are written to a temporary sibling directory that is renamed into place, so a
 * checkpoint directory is either complete or absent.
 */
public final class BackboneCheckpoint {

  public static final String PARAMS_FILE = "backbone.params";
  public static final String META_FILE = "checkpoint.json";
  public static final int FORMAT_VERSION = 1;

  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  /** The contents of {@code checkpoint.json}. */
  record Meta(
      int formatVersion,
      BackboneSpec spec,
      int featureDim,
      String paramsSha256,
      String createdAt,
      Map<String, String> meta) {}

  private BackboneCheckpoint() {}

  /**
   * Writes {@code backbone} (built from {@code spec}) to {@code dir}, replacing an existing
   * checkpoint there.
   */
  public static void save(Path dir, Block backbone, BackboneSpec spec, Map<String, String> meta)
      throws IOException {
    Path target = dir.toAbsolutePath().normalize();
    Path parent = target.getParent();
    Files.createDirectories(parent);
    Path tmp = Files.createTempDirectory(parent, "." + target.getFileName() + ".partial-");
    try {
      MessageDigest sha = sha256();
      try (OutputStream file = Files.newOutputStream(tmp.resolve(PARAMS_FILE));
          DataOutputStream out =
              new DataOutputStream(
                  new BufferedOutputStream(new DigestOutputStream(file, sha), 1 << 16))) {
        backbone.saveParameters(out);
      }
      Meta m =
          new Meta(
              FORMAT_VERSION,
              spec,
              spec.featureDim(),
              HexFormat.of().formatHex(sha.digest()),
              Instant.now().toString(),
              new TreeMap<>(meta));
      Files.writeString(tmp.resolve(META_FILE), JSON.writeValueAsString(m) + "\n");
      replace(tmp, target);
    } catch (IOException | RuntimeException e) {
      deleteTree(tmp);
      throw e;
    }
  }

  /** Reads the checkpoint in {@code dir} into a new backbone whose arrays live in {@code manager}. */
  public static LoadedBackbone load(Path dir, NDManager manager) throws IOException {
    Path metaFile = dir.resolve(META_FILE);
    Path paramsFile = dir.resolve(PARAMS_FILE);
    if (!Files.isRegularFile(metaFile) || !Files.isRegularFile(paramsFile)) {
      throw new NoSuchFileException(
          dir.toString(), null, "not a backbone checkpoint: needs " + META_FILE + " and " + PARAMS_FILE);
    }
    Meta m;
    try {
      m = JSON.readValue(metaFile.toFile(), Meta.class);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new IOException(metaFile + ": invalid checkpoint metadata: " + e.getMessage(), e);
    }
    if (m.formatVersion() != FORMAT_VERSION || m.spec() == null) {
      throw new IOException(
          metaFile + ": unsupported checkpoint format version " + m.formatVersion()
              + " (this code reads " + FORMAT_VERSION + ")");
    }
    // Check the digest before parsing: DJL's decoder fails on corrupt bytes with messages that
    // do not say which file is broken.
    String actual = sha256Hex(paramsFile);
    if (m.paramsSha256() != null && !m.paramsSha256().equals(actual)) {
      throw new IOException(
          paramsFile + ": SHA-256 " + actual + " does not match " + m.paramsSha256()
              + " recorded in " + META_FILE + " (file corrupted or replaced)");
    }
    Block block = Backbones.create(m.spec());
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(paramsFile), 1 << 16))) {
      block.loadParameters(manager, in);
    } catch (MalformedModelException | IOException | RuntimeException e) {
      throw new IOException(
          paramsFile + ": cannot load parameters for " + m.spec() + ": " + e.getMessage(), e);
    }
    return new LoadedBackbone(block, m.spec(), m.meta() == null ? Map.of() : m.meta());
  }

  private static void replace(Path tmp, Path target) throws IOException {
    Path old = null;
    if (Files.exists(target)) {
      old = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".old-");
      Files.delete(old);
      Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
    }
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
      throw new IOException("cannot move checkpoint into place at " + target + ": " + e, e);
    }
    if (old != null) {
      deleteTree(old);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static String sha256Hex(Path file) throws IOException {
    MessageDigest sha = sha256();
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("JVM without SHA-256", e);
    }
  }

}

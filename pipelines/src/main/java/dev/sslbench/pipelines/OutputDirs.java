package dev.sslbench.pipelines;

import dev.sslbench.core.shard.DatasetManifest;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.stream.Stream;

/**
 * Builds a dataset in a temporary sibling directory and swaps it into place, so the output path
 * only ever holds a complete dataset: the new one or, after a failure, the previous one.
 */
final class OutputDirs {
  private static final SecureRandom RANDOM = new SecureRandom();

  private OutputDirs() {}

  /**
   * Refuses an output that exists but is not a dataset, because replacing it would delete
   * someone's files.
   */
  static void checkReplaceable(Path output) throws IOException {
    if (!Files.exists(output)) {
      return;
    }
    if (!Files.isDirectory(output)) {
      throw new IllegalArgumentException("output " + output + " exists and is not a directory");
    }
    boolean empty;
    try (Stream<Path> entries = Files.list(output)) {
      empty = entries.findAny().isEmpty();
    }
    if (!empty && !Files.isRegularFile(output.resolve(DatasetManifest.FILE_NAME))) {
      throw new IllegalArgumentException("refusing to replace " + output
          + ": it is not empty and not a dataset (no " + DatasetManifest.FILE_NAME + ")");
    }
  }

  /** Creates {@code <output>.tmp-<random>} beside the output. */
  static Path createTemp(Path output) throws IOException {
    Files.createDirectories(output.getParent());
    return Files.createDirectory(sibling(output, "tmp"));
  }

  /** Moves {@code built} to {@code output}; an old output is first moved aside, then deleted. */
  static void replace(Path built, Path output) throws IOException {
    if (!Files.exists(output)) {
      Files.move(built, output, StandardCopyOption.ATOMIC_MOVE);
      return;
    }
    Path old = sibling(output, "old");
    Files.move(output, old, StandardCopyOption.ATOMIC_MOVE);
    try {
      Files.move(built, output, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      Files.move(old, output, StandardCopyOption.ATOMIC_MOVE);
      throw e;
    }
    deleteRecursively(old);
  }

  private static Path sibling(Path output, String kind) {
    byte[] b = new byte[6];
    RANDOM.nextBytes(b);
    String suffix = "." + kind + "-" + HexFormat.of().formatHex(b);
    return output.resolveSibling(output.getFileName() + suffix);
  }

  /** Deletes {@code dir} and everything below it; a missing directory is fine. */
  static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    Files.walkFileTree(dir, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
        if (e != null) {
          throw e;
        }
        try {
          Files.delete(d);
        } catch (DirectoryNotEmptyException race) {
          throw new IOException("could not delete " + d + ": still being written", race);
        }
        return FileVisitResult.CONTINUE;
      }
    });
  }
}

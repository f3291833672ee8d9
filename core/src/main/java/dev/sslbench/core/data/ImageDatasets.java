package dev.sslbench.core.data;

import java.nio.file.Path;
import java.util.List;

/** Opens a source dataset by its format name, as {@code --format} spells it. */
public final class ImageDatasets {
  /** MNIST-family IDX files. */
  public static final String IDX = "idx";

  /** CIFAR-10 binary version. */
  public static final String CIFAR10 = "cifar10";

  /** CIFAR-100 binary version. */
  public static final String CIFAR100 = "cifar100";

  /** STL-10 binary version. */
  public static final String STL10 = "stl10";

  /** A folder of PNG/JPEG images, one subdirectory per class or flat. */
  public static final String FOLDER = "folder";

  private ImageDatasets() {}

  /** Format names {@link #open} accepts. */
  public static List<String> formats() {
    return List.of(IDX, CIFAR10, CIFAR100, STL10, FOLDER);
  }

  /** Opens {@code split} of the {@code format} dataset in {@code dir}, CIFAR-100 with fine labels. */
  public static ImageDataset open(String format, Path dir, String split) {
    return open(format, dir, split, CifarDataset.Cifar100Label.FINE);
  }

  /**
   * Opens {@code split} of the {@code format} dataset in {@code dir}; {@code cifar100Label} only
   * matters for CIFAR-100.
   */
  public static ImageDataset open(
      String format, Path dir, String split, CifarDataset.Cifar100Label cifar100Label) {
    return switch (format) {
      case IDX -> IdxDataset.of(dir, split);
      case CIFAR10 -> CifarDataset.cifar10(dir, split);
      case CIFAR100 -> CifarDataset.cifar100(dir, split, cifar100Label);
      case STL10 -> Stl10Dataset.of(dir, split);
      case FOLDER -> ImageFolderDataset.of(dir, split);
      default -> throw new IllegalArgumentException("--format=" + format
          + " is not supported (supported: " + String.join(", ", formats()) + ")");
    };
  }
}

package dev.sslbench.core.data;

import dev.sslbench.core.shard.ImageShape;
import java.nio.file.Path;
import java.util.List;

/** One split of a source image dataset in some on-disk format, read as a stream of records. */
public interface ImageDataset {
  /** Label of an image that has none (STL-10 {@code unlabeled}, a flat image folder). */
  int UNLABELED = -1;

  /** Format name as {@code --format} spells it, e.g. {@code cifar10}. */
  String format();

  /** The dataset directory. */
  Path dir();

  /** The split read, e.g. {@code train}. */
  String split();

  /** Shape every good record has. */
  ImageShape shape();

  /** Records a pass with {@code limit} yields (all when 0), good and bad. */
  long count(long limit);

  /** Opens a streaming pass over the first {@code limit} records (all when 0). */
  ImageRecords records(long limit);

  /** The files (or, for an image folder, the directory) the split is read from. */
  List<Path> files();
}

package dev.sslbench.pipelines;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.Validation;

/** Command-line options of the preprocess pipeline ({@code --help} lists them). */
public interface PreprocessOptions extends PipelineOptions {

  @Description("Source dataset directory")
  @Default.String("/usr/share/datasets/fashion-mnist")
  String getInput();

  void setInput(String value);

  @Description("Source format: idx (MNIST family, train-/t10k-*-idx?-ubyte[.gz]), cifar10, "
      + "cifar100, stl10 (binary versions) or folder (<class>/<image>.png|jpg, or flat)")
  @Default.String("idx")
  String getFormat();

  void setFormat(String value);

  @Description("Split to read: train or test; stl10 also unlabeled; folder reads <input>/<split> "
      + "when it exists, else <input>")
  @Default.String("train")
  String getSplit();

  void setSplit(String value);

  @Description("Use only the first N images of the split; 0 = all")
  @Default.Long(0)
  long getLimit();

  void setLimit(long value);

  @Description("CIFAR-100 label to use: fine (100 classes) or coarse (20 superclasses)")
  @Default.String("fine")
  String getCifar100Label();

  void setCifar100Label(String value);

  @Description("Output dataset directory (replaced atomically when the run succeeds)")
  @Validation.Required
  String getOutput();

  void setOutput(String value);

  @Description("Augmentation seed; the views of (image, epoch) depend only on it")
  @Default.Long(0)
  long getSeed();

  void setSeed(long value);

  @Description("View pairs drawn per image")
  @Default.Integer(2)
  int getAugmentationEpochs();

  void setAugmentationEpochs(int value);

  @Description("Augmentation preset: byol, simclr, mocov2, simsiam or none")
  @Default.String("byol")
  String getPreset();

  void setPreset(String value);

  @Description("Number of shard files")
  @Default.Integer(8)
  int getNumShards();

  void setNumShards(int value);

  @Description("Dataset name recorded in the manifest")
  @Default.String("fashion-mnist")
  String getDatasetName();

  void setDatasetName(String value);
}

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

  @Description("Source format; 'idx' is the MNIST family (train-/t10k-*-idx?-ubyte[.gz])")
  @Default.String("idx")
  String getFormat();

  void setFormat(String value);

  @Description("Split to read: train or test")
  @Default.String("train")
  String getSplit();

  void setSplit(String value);

  @Description("Use only the first N images of the split; 0 = all")
  @Default.Long(0)
  long getLimit();

  void setLimit(long value);

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

  @Description("Augmentation preset: byol or none")
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

package dev.sslbench.training.methods;

import ai.djl.ndarray.NDManager;
import dev.sslbench.core.shard.ImageShape;
import dev.sslbench.training.PretrainOptions;
import dev.sslbench.training.backbone.BackboneSpec;
import java.util.List;
import java.util.Locale;

/** The registry of methods by name; a new method is one file plus one line in each switch. */
public final class Methods {

  /** Names accepted by {@link #create} and {@link #defaults}. */
  public static final List<String> NAMES = List.of(Byol.NAME, SimSiam.NAME, SimClr.NAME, MocoV2.NAME, BarlowTwins.NAME, Swav.NAME);

  private Methods() {}

  /** A freshly initialised method; seed the engine's RNG first for reproducible weights. */
  public static SslMethod create(
      String name, PretrainOptions options, ImageShape input, NDManager manager) {
    return switch (normalize(name)) {
      case Byol.NAME -> new Byol(options, input, manager);
      case SimSiam.NAME -> new SimSiam(options, input, manager);
      case SimClr.NAME -> new SimClr(options, input, manager);
      case MocoV2.NAME -> new MocoV2(options, input, manager);
      case BarlowTwins.NAME -> new BarlowTwins(options, input, manager);
      case Swav.NAME -> new Swav(options, input, manager);
      default -> throw unknown(name);
    };
  }

  /** The method's paper-ish defaults for {@code backbone}. */
  public static PretrainOptions defaults(String name, BackboneSpec backbone) {
    return switch (normalize(name)) {
      case Byol.NAME -> Byol.defaults(backbone);
      case SimSiam.NAME -> SimSiam.defaults(backbone);
      case SimClr.NAME -> SimClr.defaults(backbone);
      case MocoV2.NAME -> MocoV2.defaults(backbone);
      case BarlowTwins.NAME -> BarlowTwins.defaults(backbone);
      case Swav.NAME -> Swav.defaults(backbone);
      default -> throw unknown(name);
    };
  }

  /** Whether the method keeps an EMA target network (and so has a {@code tauBase}). */
  public static boolean usesMomentum(String name) {
    String n = normalize(name);
    return Byol.NAME.equals(n) || MocoV2.NAME.equals(n);
  }

  /** Whether the method has a predictor head (and so reads {@code predictorNorm}). */
  public static boolean hasPredictor(String name) {
    String n = normalize(name);
    return Byol.NAME.equals(n) || SimSiam.NAME.equals(n);
  }

  private static String normalize(String name) {
    return name == null ? "" : name.toLowerCase(Locale.ROOT);
  }

  private static IllegalArgumentException unknown(String name) {
    return new IllegalArgumentException("unknown method '" + name + "', expected one of " + NAMES);
  }
}

package dev.sslbench.core.config;

import java.util.Collection;
import java.util.List;

/**
 * The names an experiment file may use for methods and backbones, supplied by the modules that implement them so
 * the config is validated against what exists, before anything runs.
 */
public record Vocabulary(List<String> methods, List<String> backbones) {
  public Vocabulary {
    methods = List.copyOf(methods);
    backbones = List.copyOf(backbones);
  }

  public static Vocabulary of(Collection<String> methods, Collection<String> backbones) {
    return new Vocabulary(List.copyOf(methods), List.copyOf(backbones));
  }
}

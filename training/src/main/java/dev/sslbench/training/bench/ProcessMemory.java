package dev.sslbench.training.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident memory ({@code /proc/self/status}, Linux; MiB, -1 elsewhere) and CPU time of this process. */
public final class ProcessMemory {

  private ProcessMemory() {}

  /** Peak resident set size so far ({@code VmHWM}). */
  public static double peakResidentMib() {
    return read("VmHWM:");
  }

  /** Current resident set size ({@code VmRSS}). */
  public static double residentMib() {
    return read("VmRSS:");
  }

  /** CPU time used by the whole process (all threads), in nanoseconds; -1 if unavailable. */
  public static long cpuNanos() {
    if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }

  private static double read(String key) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith(key)) {
          String[] parts = line.substring(key.length()).trim().split("\\s+");
          return Long.parseLong(parts[0]) / 1024.0;
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }
}

package dev.connectorkit.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The C floor of a launch ({@code spawn_floor.c}, a resource of this module): {@code posix_spawn}
 * with {@code POSIX_SPAWN_SETSID} and two pipes, built with {@code gcc -O2} into a temporary
 * directory. Run alone it prints its own median and p99 over many launches:
 *
 * <pre>
 * java -cp connector-benchmarks/target/benchmarks.jar dev.connectorkit.benchmarks.CFloor [launches]
 * </pre>
 *
 * <p>{@link NativeEngineBenchmarks#cPosixSpawnFloor()} runs it inside the JMH run, in batches.
 */
public final class CFloor {
  private CFloor() {}

  /**
   * Compiles the floor program.
   *
   * @return the executable
   * @throws IOException if gcc is missing or fails
   * @throws InterruptedException if interrupted
   */
  static Path build() throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("connectorkit-cfloor");
    Path source = dir.resolve("spawn_floor.c");
    try (InputStream in = CFloor.class.getResourceAsStream("spawn_floor.c")) {
      if (in == null) {
        throw new IOException("spawn_floor.c is missing from the benchmarks jar");
      }
      Files.copy(in, source, StandardCopyOption.REPLACE_EXISTING);
    }
    Path binary = dir.resolve("spawn_floor");
    Process gcc =
        new ProcessBuilder("gcc", "-O2", "-o", binary.toString(), source.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (gcc.waitFor() != 0) {
      throw new IOException("gcc failed: " + output);
    }
    return binary;
  }

  /**
   * Runs the floor program {@code launches} times and returns what it prints.
   *
   * @param binary the executable
   * @param launches how many launches to time
   * @param quiet whether the program prints nothing
   * @return its output: median, p99 and mean in microseconds
   * @throws IOException if it fails
   * @throws InterruptedException if interrupted
   */
  static String run(Path binary, int launches, boolean quiet)
      throws IOException, InterruptedException {
    ProcessBuilder builder =
        quiet
            ? new ProcessBuilder(binary.toString(), Integer.toString(launches), "quiet")
            : new ProcessBuilder(binary.toString(), Integer.toString(launches));
    Process process = builder.redirectErrorStream(true).start();
    String output =
        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (process.waitFor() != 0) {
      throw new IOException("spawn_floor failed: " + output);
    }
    return output;
  }

  /**
   * Prints the floor's median, p99 and mean in microseconds.
   *
   * @param args {@code [launches]}, default 2000
   * @throws Exception if gcc or the program fails
   */
  public static void main(String[] args) throws Exception {
    PrintStream out = System.out;
    int launches = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    out.printf(
        "C posix_spawn floor, %d launches of /bin/true (p50 p99 mean, us): %s%n",
        launches, run(build(), launches, false));
  }
}

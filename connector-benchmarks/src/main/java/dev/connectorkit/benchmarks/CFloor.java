package dev.connectorkit.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The C floor of a launch ({@code spawn_floor.c}, a resource of this module): {@code posix_spawn}
 * with {@code POSIX_SPAWN_SETSID} and two pipes, both drained to their end, built with {@code gcc
 * -O2} into a temporary directory. It launches {@code /bin/true} (the spawn floor) or any program
 * (the capture floor). Run alone it prints its own median and p99 over many launches:
 *
 * <pre>
 * java -cp connector-benchmarks/target/benchmarks.jar dev.connectorkit.benchmarks.CFloor [launches [program argument...]]
 * </pre>
 *
 * <p>{@link NativeEngineBenchmarks#cPosixSpawnFloor()} and {@link
 * NativeEngineBenchmarks#cCaptureFloor()} run it inside the JMH run, in batches.
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
   * Runs the floor program: {@code launches} launches of {@code command}.
   *
   * @param binary the executable
   * @param launches how many launches to time
   * @param quiet whether the program prints nothing (and does no warm-up of its own)
   * @param command the program (an absolute path) and its arguments; empty for {@code /bin/true}
   * @return its output: median, p99 and mean in microseconds, or nothing when quiet
   * @throws IOException if it fails
   * @throws InterruptedException if interrupted
   */
  static String run(Path binary, int launches, boolean quiet, List<String> command)
      throws IOException, InterruptedException {
    List<String> line = new ArrayList<>();
    line.add(binary.toString());
    line.add(Integer.toString(launches));
    line.add(quiet ? "quiet" : "loud");
    line.addAll(command);
    Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
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
   * @param args {@code [launches [program argument...]]}, default 2000 launches of {@code
   *     /bin/true}; for example {@code 30 /usr/bin/head -c 67108864 /dev/zero} for the capture
   *     floor
   * @throws Exception if gcc or the program fails
   */
  public static void main(String[] args) throws Exception {
    PrintStream out = System.out;
    int launches = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    List<String> command = args.length > 1 ? List.of(args).subList(1, args.length) : List.of();
    out.printf(
        "C posix_spawn floor, %d launches of %s (p50 p99 mean, us): %s%n",
        launches,
        command.isEmpty() ? "/bin/true" : String.join(" ", command),
        run(build(), launches, false, command));
  }
}

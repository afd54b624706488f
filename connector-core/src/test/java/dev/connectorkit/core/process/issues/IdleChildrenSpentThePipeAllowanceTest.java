package dev.connectorkit.core.process.issues;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.connectorkit.core.process.NativeEngineSeams;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 15: the native engine enlarged every child's standard output pipe to 256 KiB at launch,
 * whether the child wrote anything or not. The kernel counts pipe memory against the user's
 * allowance ({@code fs.pipe-user-pages-soft}, 64 MiB by default), so 256 idle children spent it,
 * and past it every new pipe of that user, in any process, got an 8 KiB buffer. A pipe is now
 * enlarged only once its stream turns out busy.
 */
final class IdleChildrenSpentThePipeAllowanceTest {
  private @Nullable Process child;

  @BeforeEach
  void needsTheNativeEngine() {
    assumeTrue(
        NativeEngineSeams.nativeEngineRuns(),
        "the pipes are the native engine's: JDK 22+ with native access on Linux");
  }

  @AfterEach
  void endTheChild() throws IOException, InterruptedException {
    Process started = child;
    if (started != null) {
      started.destroyForcibly();
      started.waitFor(10, TimeUnit.SECONDS);
      started.getOutputStream().close();
      started.getInputStream().close();
      started.getErrorStream().close();
    }
  }

  @Test
  void aQuietChildsPipesKeepTheKernelsSize() throws IOException, InterruptedException {
    Process started = spawn("read line || :");

    int stdout = NativeEngineSeams.pipeBytes(started.getInputStream());
    int stderr = NativeEngineSeams.pipeBytes(started.getErrorStream());

    assertTrue(stderr > 0, "the size of a native pipe can be read: " + stderr);
    assertEquals(stderr, stdout, "standard output was not enlarged while nothing was written");
    started.getOutputStream().close();
    assertEquals(0, started.waitFor());
  }

  @Test
  void aBusyStreamsPipeIsEnlargedOnce() throws IOException, InterruptedException {
    Process started = spawn("head -c 32768 /dev/zero; echo written >&2; read line || :");
    InputStream stdout = started.getInputStream();
    InputStream stderr = started.getErrorStream();
    awaitLine(stderr); // everything is in the pipe now
    int before = NativeEngineSeams.pipeBytes(stdout);
    int quiet = NativeEngineSeams.pipeBytes(stderr);

    byte[] buffer = new byte[64 * 1024];
    int read = stdout.read(buffer, 0, buffer.length);

    assertEquals(32768, read, "one read took what the child wrote");
    assertEquals(quiet, before, "not enlarged before the busy read");
    int after = NativeEngineSeams.pipeBytes(stdout);
    assertTrue(after > before, "enlarged after it: " + before + " then " + after);
    assertEquals(quiet, NativeEngineSeams.pipeBytes(stderr), "the quiet stream kept its size");
    started.getOutputStream().close();
    assertEquals(0, started.waitFor());
  }

  private Process spawn(String script) throws IOException {
    Process started = NativeEngineSeams.spawnNatively("/bin/sh", "-c", script);
    child = started;
    return started;
  }

  private static void awaitLine(InputStream in) throws IOException {
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new IOException("the child ended its standard error before the line");
      }
    }
  }
}

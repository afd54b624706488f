package dev.connectorkit.core.locate;

import dev.connectorkit.api.locate.CandidateVerdict;
import dev.connectorkit.api.locate.EntryVerdict;
import dev.connectorkit.api.locate.SearchPathMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/** Builds programs, directories and locators in a temporary directory. */
final class Fixtures {
  private Fixtures() {}

  static Path program(Path directory, String name) {
    return file(directory, name, "rwxr-xr-x");
  }

  static Path file(Path directory, String name, String permissions) {
    try {
      Files.createDirectories(directory);
      Path file = directory.resolve(name);
      Files.write(file, "#!/bin/sh\nexit 0\n".getBytes(StandardCharsets.UTF_8));
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path directory(Path path) {
    try {
      return Files.createDirectories(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static boolean runningAsRoot(Path scratch) {
    try {
      Path probe = Files.createTempFile(scratch, "uid", ".probe");
      Object uid = Files.getAttribute(probe, "unix:uid");
      Files.delete(probe);
      return Integer.valueOf(0).equals(uid);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static SearchPathLocator posix(String path, @Nullable Path base, Path cwd) {
    return new SearchPathLocator(
        SearchPathMode.POSIX, Map.of("PATH", path), base, cwd, false, FileProbe.system());
  }

  static String path(Path... directories) {
    StringBuilder out = new StringBuilder();
    for (Path directory : directories) {
      out.append(out.length() == 0 ? "" : ":").append(directory);
    }
    return out.toString();
  }

  /** A probe that counts the checks it is asked for. */
  static final class CountingProbe implements FileProbe {
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public CandidateVerdict inspect(Path candidate, boolean requireExecutePermission) {
      calls.incrementAndGet();
      return FileProbe.system().inspect(candidate, requireExecutePermission);
    }

    @Override
    public boolean isUsable(Path program, boolean requireExecutePermission) {
      calls.incrementAndGet();
      return FileProbe.system().isUsable(program, requireExecutePermission);
    }

    @Override
    public EntryVerdict directory(Path directory) {
      calls.incrementAndGet();
      return FileProbe.system().directory(directory);
    }

    @Override
    public @Nullable List<String> list(Path directory) {
      calls.incrementAndGet();
      return FileProbe.system().list(directory);
    }
  }
}

package dev.connectorkit.core.locate;

import dev.connectorkit.api.locate.CandidateVerdict;
import dev.connectorkit.api.locate.EntryVerdict;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@link FileProbe} on {@code java.nio.file}.
 *
 * <p>A candidate costs one {@code lstat} when it does not exist (the common case: most PATH entries
 * do not hold the program), one more {@code stat} when it is a link, and one {@code access(X_OK)}
 * when it is a regular file. The execute check is the kernel's own ({@link Files#isExecutable}), so
 * root gets exactly the kernel's semantics: any execute bit suffices, no execute bit at all means
 * no. {@link Files#isExecutable} alone is also true for directories, which is why the file type is
 * checked first.
 */
enum NioFileProbe implements FileProbe {
  INSTANCE;

  @Override
  public CandidateVerdict inspect(Path candidate, boolean requireExecutePermission) {
    BasicFileAttributes attributes;
    try {
      attributes =
          Files.readAttributes(candidate, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException | SecurityException e) {
      // Missing, or a path through a missing or non-directory parent: nothing there either way.
      return CandidateVerdict.NO_SUCH_FILE;
    }
    if (attributes.isSymbolicLink()) {
      try {
        attributes = Files.readAttributes(candidate, BasicFileAttributes.class);
      } catch (IOException | SecurityException e) {
        return CandidateVerdict.DANGLING_LINK;
      }
    }
    if (attributes.isDirectory()) {
      return CandidateVerdict.IS_A_DIRECTORY;
    }
    if (!attributes.isRegularFile()) {
      return CandidateVerdict.NOT_A_REGULAR_FILE;
    }
    if (requireExecutePermission && !Files.isExecutable(candidate)) {
      return CandidateVerdict.NOT_EXECUTABLE;
    }
    return CandidateVerdict.FOUND;
  }

  @Override
  public boolean isUsable(Path program, boolean requireExecutePermission) {
    try {
      BasicFileAttributes attributes = Files.readAttributes(program, BasicFileAttributes.class);
      return attributes.isRegularFile()
          && (!requireExecutePermission || Files.isExecutable(program));
    } catch (IOException | SecurityException e) {
      return false;
    }
  }

  @Override
  public EntryVerdict directory(Path directory) {
    try {
      BasicFileAttributes attributes = Files.readAttributes(directory, BasicFileAttributes.class);
      return attributes.isDirectory() ? EntryVerdict.SEARCHED : EntryVerdict.NOT_A_DIRECTORY;
    } catch (NoSuchFileException e) {
      return EntryVerdict.MISSING_DIRECTORY;
    } catch (IOException | SecurityException e) {
      // ENOTDIR on a parent, a dangling link, a loop: there is no directory to search.
      return EntryVerdict.MISSING_DIRECTORY;
    }
  }

  @Override
  public @Nullable List<String> list(Path directory) {
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
      for (Path path : stream) {
        Path fileName = path.getFileName();
        if (fileName != null) {
          names.add(fileName.toString());
        }
      }
      return names;
    } catch (IOException | SecurityException e) {
      return null;
    }
  }

  @Override
  public String toString() {
    return "FileProbe.system()";
  }
}

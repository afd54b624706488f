package dev.connectorkit.core.event.issues;

import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** A {@link System.Logger} that keeps what it is told, for asserting on the last-resort channel. */
final class RecordingLogger implements System.Logger {
  /** One logged message. */
  record Entry(Level level, String message, @Nullable Throwable thrown) {}

  final List<Entry> entries = new CopyOnWriteArrayList<>();

  @Override
  public String getName() {
    return "recording";
  }

  @Override
  public boolean isLoggable(Level level) {
    return true;
  }

  @Override
  public void log(
      Level level,
      @Nullable ResourceBundle bundle,
      @Nullable String message,
      @Nullable Throwable thrown) {
    entries.add(new Entry(level, String.valueOf(message), thrown));
  }

  @Override
  public void log(
      Level level,
      @Nullable ResourceBundle bundle,
      @Nullable String format,
      @Nullable Object... params) {
    entries.add(
        new Entry(level, java.text.MessageFormat.format(String.valueOf(format), params), null));
  }

  @Override
  public void log(Level level, Supplier<String> supplier, Throwable thrown) {
    entries.add(new Entry(level, supplier.get(), thrown));
  }
}

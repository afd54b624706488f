package dev.connectorkit.benchmarks;

import com.zaxxer.nuprocess.NuAbstractProcessHandler;
import java.nio.ByteBuffer;

/** NuProcess's way to capture: its event thread hands each chunk to this handler. */
final class NuCapture extends NuAbstractProcessHandler {
  final BoundedSink out = new BoundedSink();
  final BoundedSink err = new BoundedSink();

  @Override
  public void onStdout(ByteBuffer buffer, boolean closed) {
    out.write(buffer);
  }

  @Override
  public void onStderr(ByteBuffer buffer, boolean closed) {
    err.write(buffer);
  }
}

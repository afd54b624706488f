package dev.connectorkit.examples;

import dev.connectorkit.api.event.ConnectorEvent;
import dev.connectorkit.api.event.EventSink;
import dev.connectorkit.api.locate.LocateResult;
import dev.connectorkit.api.locate.ProgramLocator;
import dev.connectorkit.api.process.ExternalProcessRunner;
import dev.connectorkit.api.process.ProcessResult;
import dev.connectorkit.api.process.ProcessSpec;
import dev.connectorkit.api.process.RunningProcess;
import dev.connectorkit.core.ProgramLocators;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The host classes the Javadoc examples name (a host's own locator, runner and sink), as small as a
 * host could write them, so that the examples compile as they are shown.
 */
final class HostStandIns {
  private HostStandIns() {}

  /** A host's locator that searches the directories it is given. */
  static final class VendorLocator implements ProgramLocator {
    private final ProgramLocator delegate;

    VendorLocator(List<Path> directories) {
      String path = directories.stream().map(Path::toString).collect(Collectors.joining(":"));
      this.delegate = ProgramLocators.builder().withEnvironment(Map.of("PATH", path)).build();
    }

    @Override
    public LocateResult locate(String name) {
      return delegate.locate(name);
    }
  }

  /** A host's runner that wraps another one, as an auditing layer would. */
  static final class AuditingRunner implements ExternalProcessRunner {
    private final ExternalProcessRunner delegate;

    AuditingRunner(ExternalProcessRunner delegate) {
      this.delegate = delegate;
    }

    @Override
    public ProcessResult run(ProcessSpec spec) {
      return delegate.run(spec);
    }

    @Override
    public RunningProcess start(ProcessSpec spec) {
      return delegate.start(spec);
    }
  }

  /** A host's sink that writes each event's message to a wire. */
  static final class SyslogSink implements EventSink {
    private final StringBuilder wire;

    SyslogSink(StringBuilder wire) {
      this.wire = wire;
    }

    @Override
    public synchronized void accept(ConnectorEvent event) {
      wire.append(event.message()).append('\n');
    }
  }
}

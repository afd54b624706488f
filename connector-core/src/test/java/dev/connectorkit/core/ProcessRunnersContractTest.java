package dev.connectorkit.core;

import dev.connectorkit.api.process.ExternalProcessRunner;
import dev.connectorkit.testkit.ExternalProcessRunnerContract;

/** The library's runner keeps the contract that the testkit offers hosts. */
final class ProcessRunnersContractTest extends ExternalProcessRunnerContract {

  @Override
  protected ExternalProcessRunner newRunner() {
    return ProcessRunners.builder().build();
  }
}

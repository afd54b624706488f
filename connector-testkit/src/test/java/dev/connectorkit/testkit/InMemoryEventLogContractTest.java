package dev.connectorkit.testkit;

/** The testkit's own sink keeps the contract it offers hosts. */
final class InMemoryEventLogContractTest extends EventSinkContract<InMemoryEventLog> {

  @Override
  protected InMemoryEventLog newSink() {
    return new InMemoryEventLog();
  }

  @Override
  protected String delivered(InMemoryEventLog sink) {
    StringBuilder text = new StringBuilder();
    sink.events().forEach(event -> text.append(event.message()).append('\n'));
    return text.toString();
  }
}

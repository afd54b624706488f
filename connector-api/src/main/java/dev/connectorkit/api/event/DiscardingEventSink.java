package dev.connectorkit.api.event;

/** The sink behind {@link EventSink#discarding()}. */
enum DiscardingEventSink implements EventSink {
  INSTANCE;

  @Override
  public void accept(ConnectorEvent event) {}

  @Override
  public String toString() {
    return "EventSink.discarding()";
  }
}

package dev.connectorkit.api.supervise;

/** The ticker behind {@link Ticker#systemTicker()}. */
enum SystemTicker implements Ticker {
  INSTANCE;

  @Override
  public long read() {
    return System.nanoTime();
  }

  @Override
  public String toString() {
    return "Ticker.systemTicker()";
  }
}

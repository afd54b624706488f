package dev.connectorkit.api.event;

/**
 * How serious an event is, with its mapping to the severity scales of common log backends.
 *
 * <p>The four levels are the Windows event log's, which the seed connector used. Each maps to an
 * SLF4J level name, a syslog priority (RFC 5424) and an OpenTelemetry severity number, so that a
 * sink for any of those backends needs no table of its own.
 *
 * @since 0.1.0
 */
public enum Severity {
  /** Something failed and an operator must act. SLF4J {@code ERROR}, syslog 3, OpenTelemetry 17. */
  ERROR("ERROR", 3, 17),
  /** Something went wrong but was handled. SLF4J {@code WARN}, syslog 4, OpenTelemetry 13. */
  WARNING("WARN", 4, 13),
  /** Normal operation worth recording. SLF4J {@code INFO}, syslog 6, OpenTelemetry 9. */
  INFORMATION("INFO", 6, 9),
  /**
   * Detail for diagnosis, such as the effective configuration. SLF4J {@code DEBUG}, syslog 7,
   * OpenTelemetry 5.
   */
  DEBUG("DEBUG", 7, 5);

  private final String slf4jLevel;
  private final int syslogPriority;
  private final int openTelemetrySeverityNumber;

  Severity(String slf4jLevel, int syslogPriority, int openTelemetrySeverityNumber) {
    this.slf4jLevel = slf4jLevel;
    this.syslogPriority = syslogPriority;
    this.openTelemetrySeverityNumber = openTelemetrySeverityNumber;
  }

  /**
   * Returns the name of the matching {@code org.slf4j.event.Level} constant.
   *
   * @return {@code ERROR}, {@code WARN}, {@code INFO} or {@code DEBUG}
   */
  public String slf4jLevel() {
    return slf4jLevel;
  }

  /**
   * Returns the RFC 5424 syslog severity: 3 (error), 4 (warning), 6 (informational), 7 (debug).
   *
   * @return the syslog priority value
   */
  public int syslogPriority() {
    return syslogPriority;
  }

  /**
   * Returns the OpenTelemetry log data model severity number: 17, 13, 9 or 5.
   *
   * @return the first number of the matching OpenTelemetry severity range
   */
  public int openTelemetrySeverityNumber() {
    return openTelemetrySeverityNumber;
  }
}

package dev.connectorkit.api.locate;

import dev.connectorkit.api.event.BuiltInEvents;
import dev.connectorkit.api.event.ConnectorEvent;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns lookups and preflight checks into catalog events: the one place that knows which event a
 * verdict becomes and which parameters it carries. The value types ({@link LocateResult}, {@link
 * ProgramCheck}, {@link PreflightResult}) hand their data here. Stateless.
 */
final class LocateEvents {
  private LocateEvents() {}

  /** {@link LocateResult#toEvent(String, Instant)}. */
  static ConnectorEvent failure(LocateResult result, String source, Instant timestamp) {
    FailureReason failure = result.reason().orElseThrow(() -> foundHasNoError(result));
    return ConnectorEvent.of(
            failure.event(),
            source,
            timestamp,
            List.of(
                result.name(),
                result.errorCode(),
                result.errorMessage(),
                result.describe(),
                result.searchedDirectories()),
            null)
        .copyWithCauseText(result.causeText())
        .copyWithResolution(result.resolution());
  }

  /** {@link LocateResult#warningEvent(String, Instant)}: empty unless a refused entry holds one. */
  static List<ConnectorEvent> shadowWarning(LocateResult result, String source, Instant timestamp) {
    List<SearchEntry> refused = result.refusedEntriesWithProgram();
    if (result.program().isEmpty() || refused.isEmpty()) {
      return List.of();
    }
    List<String> shadows = new ArrayList<>();
    for (SearchEntry entry : refused) {
      entry.candidates().forEach(candidate -> shadows.add(candidate.path().toString()));
    }
    return List.of(
        ConnectorEvent.of(
                BuiltInEvents.PROGRAM_SHADOWED_BY_REFUSED_ENTRY,
                source,
                timestamp,
                List.of(
                    result.name(),
                    result.program().get().path().toString(),
                    LocateText.refusedEntries(refused, result.name()),
                    shadows),
                null)
            .copyWithResolution(LocateText.shadowFix(result, refused)));
  }

  /** {@link ProgramCheck#toEvents(String, Instant)}. */
  static List<ConnectorEvent> check(ProgramCheck check, String source, Instant timestamp) {
    LocateResult lookup = check.lookup();
    if (!lookup.isFound()) {
      return List.of(failure(lookup, source, timestamp));
    }
    List<ConnectorEvent> events = new ArrayList<>();
    if (!check.missingCompanions().isEmpty()) {
      Path path = lookup.program().orElseThrow().path();
      events.add(
          ConnectorEvent.of(
                  BuiltInEvents.COMPANION_FILE_MISSING,
                  source,
                  timestamp,
                  List.of(
                      check.name(),
                      path.toString(),
                      String.valueOf(path.getParent()),
                      ProgramCheck.fileNames(check.missingCompanions())),
                  null)
              .copyWithResolution(check.resolution()));
    }
    events.addAll(shadowWarning(lookup, source, timestamp));
    return List.copyOf(events);
  }

  /** {@link PreflightResult#summaryEvent(String, String, Instant)}. */
  static ConnectorEvent summary(
      PreflightResult preflight, String connector, String source, Instant timestamp) {
    int ready = (int) preflight.checks().stream().filter(ProgramCheck::isReady).count();
    return ConnectorEvent.of(
        BuiltInEvents.PREFLIGHT_SUMMARY,
        source,
        timestamp,
        List.of(connector, ready, preflight.checks().size(), preflight.verdicts()),
        null);
  }

  /** {@link PreflightResult#toEvents(String, Instant)}. */
  static List<ConnectorEvent> preflight(
      PreflightResult preflight, String source, Instant timestamp) {
    List<ConnectorEvent> events = new ArrayList<>();
    for (ProgramCheck check : preflight.checks()) {
      events.addAll(check(check, source, timestamp));
    }
    return List.copyOf(events);
  }

  static IllegalStateException foundHasNoError(LocateResult result) {
    return new IllegalStateException(
        "Program \""
            + result.name()
            + "\" was found at "
            + result.program().orElseThrow().path()
            + "; a found result has no error");
  }
}

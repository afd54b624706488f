package dev.connectorkit.core.supervise;

import dev.connectorkit.api.supervise.Cancellable;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Workers waiting out one restart delay together, restarted in start order once the delay is over
 * ({@link #due}) and every member's previous run has ended (siblings stopped for the restart may
 * take up to the stop timeout). Loop-confined, except that the timer's task only posts the group to
 * the loop's inbox: a timer that fires after the group was started or cancelled finds {@link #done}
 * set and is ignored.
 */
final class RestartGroup {
  final List<Worker> members;
  @Nullable Cancellable timer;
  boolean due;
  boolean done;

  RestartGroup(List<Worker> members) {
    this.members = new ArrayList<>(members);
  }

  void cancel() {
    done = true;
    cancelTimer();
  }

  void cancelTimer() {
    Cancellable t = timer;
    if (t != null) {
      t.cancel();
    }
  }

  void remove(Worker worker) {
    members.remove(worker);
    if (members.isEmpty()) {
      cancel();
    }
  }
}

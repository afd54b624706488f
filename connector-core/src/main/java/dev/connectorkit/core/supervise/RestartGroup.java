package dev.connectorkit.core.supervise;

import dev.connectorkit.api.supervise.Cancellable;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Workers waiting out one backoff delay together, restarted in start order when it expires.
 * Loop-confined, except that the timer's task only posts the group to the loop's inbox: a timer
 * that fires after the group was cancelled finds {@link #cancelled} set and is ignored.
 */
final class RestartGroup {
  final List<Worker> members;
  @Nullable Cancellable timer;
  boolean cancelled;

  RestartGroup(List<Worker> members) {
    this.members = new ArrayList<>(members);
  }

  void cancel() {
    cancelled = true;
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

package org.eventcore.runtime.projection;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Predicate;
import org.eventcore.runtime.StoredEvent;

/** A test projection recording what it sees; its binding is written by hand below, as the processor would. */
final class TallyProjection {
  final List<StoredEvent> seen = new CopyOnWriteArrayList<>();
  volatile Predicate<StoredEvent> failOn = e -> false;
  volatile int failuresLeft = Integer.MAX_VALUE;
  volatile Function<String, RuntimeException> failure = IllegalStateException::new;

  void on(StoredEvent e) {
    if (failOn.test(e) && failuresLeft-- > 0) {
      throw failure.apply("cannot handle " + e.eventType() + " " + e.version());
    }
    seen.add(e);
  }
}

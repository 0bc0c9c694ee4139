package org.eventcore.runtime.projection;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eventcore.runtime.Position;
import org.eventcore.runtime.StoredEvent;

/**
 * One step of a leading runner: read the page after the checkpoint ({@link ProjectionSource#readAll}), hand it
 * to the {@link Delivery}, report the lag. An empty page tells {@link RunnerState} the runner has caught up.
 */
final class Pages {
  private final ProjectionSource source;
  private final EventFilter filter;
  private final int batchSize;
  private final Delivery delivery;
  private final RunnerState state;
  private final ProjectionMetrics metrics;

  Pages(ProjectionSource source, EventFilter filter, int batchSize, Delivery delivery, RunnerState state,
      ProjectionMetrics metrics) {
    this.source = source;
    this.filter = filter;
    this.batchSize = batchSize;
    this.delivery = delivery;
    this.state = state;
    this.metrics = metrics;
  }

  /** Reads and delivers one page; returns whether it was non-empty. */
  boolean next(Leadership lead) {
    long read = state.startRead();
    List<StoredEvent> page = source.readAll(state.checkpoint(), filter, batchSize);
    if (page.isEmpty()) {
      state.emptyRead(read);
      metrics.lag(0, Duration.ZERO);
      return false;
    }
    delivery.deliver(lead, page);
    Position at = state.checkpoint();
    if (at != Position.START && metrics.wantsLag()) {
      // the horizon costs a query: only asked for when there is a registry to report the lag to
      StoredEvent last = page.get(page.size() - 1);
      metrics.lag(Math.max(0, source.horizon().newest().sequence() - at.sequence()),
          Duration.between(last.recordedAt(), Instant.now()));
    }
    return true;
  }
}

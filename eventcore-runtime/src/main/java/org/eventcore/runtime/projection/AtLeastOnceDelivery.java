package org.eventcore.runtime.projection;

import java.util.List;
import org.eventcore.runtime.Position;
import org.eventcore.runtime.StoredEvent;

/**
 * Event by event through the error policy, then one checkpoint save for the page: after a crash the events of
 * the unfinished page are delivered again (at least once).
 */
final class AtLeastOnceDelivery<P> implements Delivery {
  private static final Runnable NOTHING_TO_UNDO = () -> { };

  private final Handler<P> handler;
  private final ErrorHandling errors;
  private final RunnerState state;

  AtLeastOnceDelivery(Handler<P> handler, ErrorHandling errors, RunnerState state) {
    this.handler = handler;
    this.errors = errors;
    this.state = state;
  }

  @Override
  public void deliver(Leadership lead, List<StoredEvent> page) {
    Position reached = null;
    for (StoredEvent e : page) {
      if (state.stopRequested()
          || !errors.apply(e, () -> handler.dispatch(e, new EventEnvelope(e, null)), NOTHING_TO_UNDO)) {
        break;
      }
      reached = e.position();
      state.checkpoint(reached);
    }
    if (reached != null) {
      lead.saveCheckpoint(reached);
    }
  }
}

package org.eventcore.runtime.projection;

import java.util.List;
import org.eventcore.runtime.StoredEvent;

/**
 * How a page of events reaches the handler and the checkpoint: {@link AtLeastOnceDelivery} (checkpoint saved
 * after the page) or {@link TransactionalDelivery} (read model and checkpoint in one transaction).
 */
interface Delivery {

  /**
   * Hands {@code page} (non-empty, in position order) to the handler under the error policy and moves the
   * checkpoint (in {@link RunnerState} and in the store) past what was processed. Stops early, without moving
   * past the unprocessed events, when a stop is requested.
   *
   * @throws org.eventcore.runtime.ProjectionException when the error policy says stop
   * @throws org.eventcore.runtime.StoreException when the store fails or the lead is lost
   */
  void deliver(Leadership lead, List<StoredEvent> page);

  static <P> Delivery of(ProjectionOptions options, Handler<P> handler, ErrorHandling errors, RunnerState state,
      ProjectionMetrics metrics) {
    return options.transactional()
        ? new TransactionalDelivery<>(handler, errors, state, metrics)
        : new AtLeastOnceDelivery<>(handler, errors, state);
  }
}

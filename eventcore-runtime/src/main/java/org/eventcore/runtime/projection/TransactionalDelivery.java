package org.eventcore.runtime.projection;

import java.util.List;
import java.util.Optional;
import org.eventcore.runtime.Position;
import org.eventcore.runtime.StoreException;
import org.eventcore.runtime.StoreOperation;
import org.eventcore.runtime.StoredEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The page's handler calls and its checkpoint in one store transaction (exactly once, through
 * {@link Leadership#inTransaction}). When a handler fails, the page's transaction rolls back and the page runs
 * again event by event, one transaction each, so that the error policy applies to the one failing event; a
 * skipped event's checkpoint is committed in an empty transaction.
 */
final class TransactionalDelivery<P> implements Delivery {
  private static final Logger log = LoggerFactory.getLogger(TransactionalDelivery.class);

  private final Handler<P> handler;
  private final ErrorHandling errors;
  private final RunnerState state;
  private final ProjectionMetrics metrics;

  TransactionalDelivery(Handler<P> handler, ErrorHandling errors, RunnerState state, ProjectionMetrics metrics) {
    this.handler = handler;
    this.errors = errors;
    this.state = state;
    this.metrics = metrics;
  }

  @Override
  public void deliver(Leadership lead, List<StoredEvent> page) {
    Position last = page.get(page.size() - 1).position();
    try {
      inTransaction(lead, last, tx -> {
        for (StoredEvent e : page) {
          handler.dispatch(e, new EventEnvelope(e, tx));
        }
      });
      state.handled(page.size());
      metrics.processed(page.size());
      state.checkpoint(last);
    } catch (Handler.Failure batchFailure) {
      log.debug("projection '{}' batch failed, re-running it event by event", lead.projection(), batchFailure);
      for (StoredEvent e : page) {
        if (state.stopRequested()
            || !errors.apply(e, () -> inTransaction(lead, e.position(), tx -> handler.dispatch(e,
                new EventEnvelope(e, tx))), () -> inTransaction(lead, e.position(), tx -> { }))) {
          return;
        }
        state.checkpoint(e.position());
      }
    }
  }

  /**
   * {@link Leadership#inTransaction} with the store's checked exceptions (a connection that could not be had)
   * reported as the {@link StoreException} they are; a handler's {@link Handler.Failure} passes unchanged.
   */
  private void inTransaction(Leadership lead, Position checkpoint, Leadership.TransactionalWork work) {
    Position from = state.checkpoint();
    try {
      // conditional on the checkpoint this step started from: a re-run of a committed step commits nothing
      lead.inTransaction(from == Position.START ? Optional.empty() : Optional.of(from), checkpoint, work);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new StoreException(StoreOperation.CHECKPOINT, "projection '" + lead.projection() + "' could not run its"
          + " transaction to checkpoint " + checkpoint + ": " + e, e);
    }
  }
}

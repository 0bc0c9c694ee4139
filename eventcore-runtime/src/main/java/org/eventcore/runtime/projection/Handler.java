package org.eventcore.runtime.projection;

import org.eventcore.runtime.StoreException;
import org.eventcore.runtime.StoreOperation;
import org.eventcore.runtime.internal.TransientSql;

import org.eventcore.runtime.StoredEvent;

/**
 * The user's projection with its generated binding: the one place a handler is called. Whatever the handler
 * throws comes out wrapped in a {@link Failure}, so that the error policy sees every handler failure, whatever
 * its type, and nothing else: a store failure around the call (a read, a checkpoint, a transaction) is never
 * mistaken for one.
 *
 * @param <P> the projection class
 */
final class Handler<P> {
  private final P projection;
  private final ProjectionBinding<P> binding;

  Handler(P projection, ProjectionBinding<P> binding) {
    this.projection = projection;
    this.binding = binding;
  }

  /**
   * Calls the projection's handler for {@code event}; a handler exception comes out as a {@link Failure}, except a
   * transient SQL failure (connection lost, database shut down, serialization failure: {@link TransientSql}),
   * which is the store's, not the handler's: it comes out as a retryable {@link StoreException}, which the
   * runner backs off from and retries instead of handing it to the error policy.
   */
  void dispatch(StoredEvent event, EventEnvelope envelope) {
    try {
      binding.dispatch(projection, event, envelope);
    } catch (Exception e) {
      if (TransientSql.isTransient(e)) {
        throw new StoreException(StoreOperation.CHECKPOINT, "the handler's database work for event at " + event.position()
            + " failed transiently: " + e, e, true);
      }
      throw new Failure(event, e);
    }
  }

  /** A handler's exception, carried past store code (which rethrows it unchanged) to the error policy. */
  static final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient StoredEvent event;

    Failure(StoredEvent event, Exception handlerException) {
      super(handlerException.toString(), handlerException, false, false);
      this.event = event;
    }

    /** The event the handler failed on. */
    StoredEvent event() {
      return event;
    }
  }
}

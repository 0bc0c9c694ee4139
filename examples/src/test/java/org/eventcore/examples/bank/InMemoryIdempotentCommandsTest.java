package org.eventcore.examples.bank;

import org.eventcore.runtime.memory.InMemoryEventStore;
import org.eventcore.runtime.store.EventStore;

/** Idempotency keys on the in-memory store; "another process" is a second executor on the same store. */
class InMemoryIdempotentCommandsTest extends IdempotentCommandsContract {
  private final InMemoryEventStore store = new InMemoryEventStore();

  @Override
  protected EventStore store() {
    return store;
  }

  @Override
  protected EventStore sameDataOtherStore() {
    return store;
  }
}

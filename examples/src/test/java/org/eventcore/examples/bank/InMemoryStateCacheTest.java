package org.eventcore.examples.bank;

import org.eventcore.runtime.memory.InMemoryEventStore;
import org.eventcore.runtime.store.EventStore;

class InMemoryStateCacheTest extends StateCacheContract {
  private final InMemoryEventStore store = new InMemoryEventStore();

  @Override
  protected EventStore store() {
    return store;
  }

  /** One in-memory store is the data: the second executor shares it, with its own cache. */
  @Override
  protected EventStore sameDataOtherStore() {
    return store;
  }
}

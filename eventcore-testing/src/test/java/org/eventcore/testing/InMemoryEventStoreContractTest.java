package org.eventcore.testing;

import org.eventcore.runtime.memory.InMemoryEventStore;
import org.eventcore.runtime.store.EventStore;

class InMemoryEventStoreContractTest extends EventStoreContract {
  private final InMemoryEventStore store = new InMemoryEventStore();

  @Override
  protected EventStore store() {
    return store;
  }
}

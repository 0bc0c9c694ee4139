package org.eventcore.testing;

import org.eventcore.runtime.EventStore;
import org.eventcore.runtime.memory.InMemoryEventStore;

class InMemoryEventStoreContractTest extends EventStoreContract {
  private final InMemoryEventStore store = new InMemoryEventStore();

  @Override
  protected EventStore store() {
    return store;
  }
}

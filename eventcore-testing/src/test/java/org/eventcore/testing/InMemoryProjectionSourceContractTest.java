package org.eventcore.testing;

import org.eventcore.runtime.memory.InMemoryEventStore;
import org.eventcore.runtime.projection.ProjectionSource;
import org.eventcore.runtime.store.EventStore;

class InMemoryProjectionSourceContractTest extends ProjectionSourceContract {
  private final InMemoryEventStore store = new InMemoryEventStore();

  @Override
  protected EventStore store() {
    return store;
  }

  @Override
  protected ProjectionSource source() {
    return store;
  }
}

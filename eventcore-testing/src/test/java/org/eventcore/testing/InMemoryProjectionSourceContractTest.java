package org.eventcore.testing;

import org.eventcore.runtime.EventStore;
import org.eventcore.runtime.memory.InMemoryEventStore;
import org.eventcore.runtime.projection.ProjectionSource;

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

package org.eventcore.testing;

import org.eventcore.runtime.memory.InMemoryEventStore;
import org.eventcore.runtime.store.SnapshotStore;

class InMemorySnapshotStoreContractTest extends SnapshotStoreContract {
  private final InMemoryEventStore store = new InMemoryEventStore();

  @Override
  protected SnapshotStore store() {
    return store;
  }
}

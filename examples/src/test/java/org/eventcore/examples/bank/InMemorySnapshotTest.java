package org.eventcore.examples.bank;

import org.eventcore.runtime.memory.InMemoryEventStore;
import org.eventcore.runtime.store.EventStore;
import org.eventcore.runtime.store.SnapshotStore;

class InMemorySnapshotTest extends SnapshotContract {
  private final InMemoryEventStore store = new InMemoryEventStore();

  @Override
  protected EventStore events() {
    return store;
  }

  @Override
  protected SnapshotStore snapshots() {
    return store;
  }
}

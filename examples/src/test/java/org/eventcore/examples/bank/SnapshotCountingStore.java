package org.eventcore.examples.bank;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.eventcore.runtime.StoreException;
import org.eventcore.runtime.StoreOperation;
import org.eventcore.runtime.store.EventStore;
import org.eventcore.runtime.store.SnapshotKey;
import org.eventcore.runtime.store.SnapshotStore;
import org.eventcore.runtime.store.StoredSnapshot;

/**
 * A real store (events and snapshots) that counts what an executor reads (as {@link CountingStore}) and the
 * snapshots it loads and saves, and can be told to fail every snapshot save, as a full disk or a revoked grant
 * would.
 */
final class SnapshotCountingStore extends CountingStore implements SnapshotStore {
  private final SnapshotStore snapshots;
  final AtomicInteger loads = new AtomicInteger();
  final AtomicInteger saves = new AtomicInteger();
  volatile boolean failSaves;

  /** Last thread that saved a snapshot. */
  volatile String saveThread;

  SnapshotCountingStore(EventStore events, SnapshotStore snapshots) {
    super(events);
    this.snapshots = snapshots;
  }

  @Override
  void reset() {
    super.reset();
    loads.set(0);
    saves.set(0);
  }

  @Override
  public void saveSnapshot(StoredSnapshot snapshot) {
    saves.incrementAndGet();
    saveThread = Thread.currentThread().getName();
    if (failSaves) {
      throw new StoreException(StoreOperation.SNAPSHOT, "snapshot table unavailable (test)");
    }
    snapshots.saveSnapshot(snapshot);
  }

  @Override
  public Optional<StoredSnapshot> loadSnapshot(SnapshotKey key, int snapshotVersion) {
    loads.incrementAndGet();
    return snapshots.loadSnapshot(key, snapshotVersion);
  }
}

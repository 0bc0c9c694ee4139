package org.eventcore.examples.bank;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.eventcore.runtime.StoreException;
import org.eventcore.runtime.StoreOperation;
import org.eventcore.runtime.StoredEvent;
import org.eventcore.runtime.StreamId;
import org.eventcore.runtime.store.AppendRequest;
import org.eventcore.runtime.store.AppendResult;
import org.eventcore.runtime.store.CommittedCommand;
import org.eventcore.runtime.store.EventStore;
import org.eventcore.runtime.store.EventStream;
import org.eventcore.runtime.store.SnapshotKey;
import org.eventcore.runtime.store.SnapshotStore;
import org.eventcore.runtime.store.StoredSnapshot;

/**
 * A real store (events and snapshots) that counts what an executor reads and writes, and can be told to fail
 * every snapshot save, as a full disk or a revoked grant would.
 */
final class SnapshotCountingStore implements EventStore, SnapshotStore {
  private final EventStore events;
  private final SnapshotStore snapshots;
  final AtomicInteger wholeReads = new AtomicInteger();
  final AtomicInteger tailReads = new AtomicInteger();
  final AtomicInteger eventsRead = new AtomicInteger();
  final AtomicInteger loads = new AtomicInteger();
  final AtomicInteger saves = new AtomicInteger();
  volatile boolean failSaves;

  /** Last thread that saved a snapshot. */
  volatile String saveThread;

  SnapshotCountingStore(EventStore events, SnapshotStore snapshots) {
    this.events = events;
    this.snapshots = snapshots;
  }

  void reset() {
    wholeReads.set(0);
    tailReads.set(0);
    eventsRead.set(0);
    loads.set(0);
    saves.set(0);
  }

  @Override
  public Map<StreamId, Long> readStreams(List<StreamId> streams, Consumer<StoredEvent> consumer) {
    wholeReads.incrementAndGet();
    return events.readStreams(streams, e -> {
      eventsRead.incrementAndGet();
      consumer.accept(e);
    });
  }

  @Override
  public Map<StreamId, Long> readStreamsAfter(Map<StreamId, Long> afterVersions, Consumer<StoredEvent> consumer) {
    tailReads.incrementAndGet();
    return events.readStreamsAfter(afterVersions, e -> {
      eventsRead.incrementAndGet();
      consumer.accept(e);
    });
  }

  @Override
  public EventStream readStream(StreamId stream, long afterVersion) {
    return events.readStream(stream, afterVersion);
  }

  @Override
  public AppendResult append(AppendRequest request) {
    return events.append(request);
  }

  @Override
  public Optional<CommittedCommand> committedCommand(String idempotencyKey) {
    return events.committedCommand(idempotencyKey);
  }

  @Override
  public List<StoredEvent> readEvents(List<UUID> eventIds) {
    return events.readEvents(eventIds);
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

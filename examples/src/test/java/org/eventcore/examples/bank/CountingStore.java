package org.eventcore.examples.bank;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.eventcore.runtime.StoredEvent;
import org.eventcore.runtime.StreamId;
import org.eventcore.runtime.VersionConflictException;
import org.eventcore.runtime.store.AppendRequest;
import org.eventcore.runtime.store.AppendResult;
import org.eventcore.runtime.store.CommittedCommand;
import org.eventcore.runtime.store.EventStore;
import org.eventcore.runtime.store.EventStream;

/** Counts the calls an executor makes on a real store: whole reads, tail reads, appends and their conflicts. */
final class CountingStore implements EventStore {
  final EventStore delegate;
  final AtomicInteger wholeReads = new AtomicInteger();
  final AtomicInteger tailReads = new AtomicInteger();
  final AtomicInteger eventsRead = new AtomicInteger();
  final AtomicInteger appends = new AtomicInteger();
  final AtomicInteger conflicts = new AtomicInteger();

  CountingStore(EventStore delegate) {
    this.delegate = delegate;
  }

  void reset() {
    wholeReads.set(0);
    tailReads.set(0);
    eventsRead.set(0);
    appends.set(0);
    conflicts.set(0);
  }

  @Override
  public Map<StreamId, Long> readStreams(List<StreamId> streams, Consumer<StoredEvent> consumer) {
    wholeReads.incrementAndGet();
    return delegate.readStreams(streams, e -> {
      eventsRead.incrementAndGet();
      consumer.accept(e);
    });
  }

  @Override
  public Map<StreamId, Long> readStreamsAfter(Map<StreamId, Long> afterVersions, Consumer<StoredEvent> consumer) {
    tailReads.incrementAndGet();
    return delegate.readStreamsAfter(afterVersions, e -> {
      eventsRead.incrementAndGet();
      consumer.accept(e);
    });
  }

  @Override
  public EventStream readStream(StreamId stream, long afterVersion) {
    return delegate.readStream(stream, afterVersion);
  }

  @Override
  public AppendResult append(AppendRequest request) {
    appends.incrementAndGet();
    try {
      return delegate.append(request);
    } catch (VersionConflictException e) {
      conflicts.incrementAndGet();
      throw e;
    }
  }

  @Override
  public Optional<CommittedCommand> committedCommand(String idempotencyKey) {
    return delegate.committedCommand(idempotencyKey);
  }

  @Override
  public List<StoredEvent> readEvents(List<UUID> eventIds) {
    return delegate.readEvents(eventIds);
  }
}

package org.eventcore.examples.bank;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.eventcore.runtime.StoredEvent;
import org.eventcore.runtime.StreamId;
import org.eventcore.runtime.VersionConflictException;
import org.eventcore.runtime.store.AppendRequest;
import org.eventcore.runtime.store.AppendResult;
import org.eventcore.runtime.store.EventStore;
import org.eventcore.testing.ForwardingEventStore;

/** Counts the calls an executor makes on a real store: whole reads, tail reads, appends and their conflicts. */
class CountingStore extends ForwardingEventStore {
  final AtomicInteger wholeReads = new AtomicInteger();
  final AtomicInteger tailReads = new AtomicInteger();
  final AtomicInteger eventsRead = new AtomicInteger();
  final AtomicInteger appends = new AtomicInteger();
  final AtomicInteger conflicts = new AtomicInteger();

  CountingStore(EventStore delegate) {
    super(delegate);
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
    return super.readStreams(streams, e -> {
      eventsRead.incrementAndGet();
      consumer.accept(e);
    });
  }

  @Override
  public Map<StreamId, Long> readStreamsAfter(Map<StreamId, Long> afterVersions, Consumer<StoredEvent> consumer) {
    tailReads.incrementAndGet();
    return super.readStreamsAfter(afterVersions, e -> {
      eventsRead.incrementAndGet();
      consumer.accept(e);
    });
  }

  @Override
  public AppendResult append(AppendRequest request) {
    appends.incrementAndGet();
    try {
      return super.append(request);
    } catch (VersionConflictException e) {
      conflicts.incrementAndGet();
      throw e;
    }
  }
}

package org.eventcore.testing;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.eventcore.runtime.StoredEvent;
import org.eventcore.runtime.StreamId;
import org.eventcore.runtime.store.AppendRequest;
import org.eventcore.runtime.store.AppendResult;
import org.eventcore.runtime.store.CommittedCommand;
import org.eventcore.runtime.store.EventStore;
import org.eventcore.runtime.store.EventStream;

/**
 * Wraps a real store and, right before each of the next {@code n} appends, lets a competing writer act on the
 * same store: the append then meets a genuine version conflict, deterministically. For testing retry paths
 * without timing luck.
 */
public final class InterferingEventStore implements EventStore {
  private final EventStore delegate;
  private final AtomicInteger remaining = new AtomicInteger();
  private final AtomicInteger appends = new AtomicInteger();
  private volatile Consumer<EventStore> interference = s -> {};

  public InterferingEventStore(EventStore delegate) {
    this.delegate = delegate;
  }

  /** Before each of the next {@code times} appends, run {@code competingWriter} against the real store. */
  public InterferingEventStore interfere(int times, Consumer<EventStore> competingWriter) {
    this.interference = competingWriter;
    this.remaining.set(times);
    return this;
  }

  /** Appends attempted through this wrapper (including ones that conflicted). */
  public int appendAttempts() {
    return appends.get();
  }

  @Override
  public Map<StreamId, Long> readStreams(List<StreamId> streams, Consumer<StoredEvent> consumer) {
    return delegate.readStreams(streams, consumer);
  }

  @Override
  public Map<StreamId, Long> readStreamsAfter(Map<StreamId, Long> afterVersions, Consumer<StoredEvent> consumer) {
    return delegate.readStreamsAfter(afterVersions, consumer);
  }

  @Override
  public EventStream readStream(StreamId stream, long afterVersion) {
    return delegate.readStream(stream, afterVersion);
  }

  @Override
  public AppendResult append(AppendRequest request) {
    appends.incrementAndGet();
    if (remaining.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      interference.accept(delegate);
    }
    return delegate.append(request);
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

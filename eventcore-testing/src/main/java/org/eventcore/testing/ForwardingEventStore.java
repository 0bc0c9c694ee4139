package org.eventcore.testing;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.eventcore.runtime.StoredEvent;
import org.eventcore.runtime.StreamId;
import org.eventcore.runtime.store.AppendRequest;
import org.eventcore.runtime.store.AppendResult;
import org.eventcore.runtime.store.CommittedCommand;
import org.eventcore.runtime.store.EventStore;
import org.eventcore.runtime.store.EventStream;

/**
 * An {@link EventStore} that forwards every call to another: extend it and override what a test observes or
 * disturbs (counting reads, a competing writer before an append), and the rest of the SPI keeps working as the
 * real store's, also when the SPI grows.
 */
public abstract class ForwardingEventStore implements EventStore {
  private final EventStore delegate;

  protected ForwardingEventStore(EventStore delegate) {
    if (delegate == null) {
      throw new IllegalArgumentException("the store to forward to must not be null");
    }
    this.delegate = delegate;
  }

  /** The store every call goes to. */
  protected final EventStore delegate() {
    return delegate;
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

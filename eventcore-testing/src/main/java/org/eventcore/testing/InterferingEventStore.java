package org.eventcore.testing;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.eventcore.runtime.store.AppendRequest;
import org.eventcore.runtime.store.AppendResult;
import org.eventcore.runtime.store.EventStore;

/**
 * Wraps a real store and, right before each of the next {@code n} appends, lets a competing writer act on the
 * same store: the append then meets a genuine version conflict, deterministically. For testing retry paths
 * without timing luck.
 */
public final class InterferingEventStore extends ForwardingEventStore {
  private final AtomicInteger remaining = new AtomicInteger();
  private final AtomicInteger appends = new AtomicInteger();
  private volatile Consumer<EventStore> interference = s -> {};

  public InterferingEventStore(EventStore delegate) {
    super(delegate);
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
  public AppendResult append(AppendRequest request) {
    appends.incrementAndGet();
    if (remaining.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      interference.accept(delegate());
    }
    return super.append(request);
  }
}

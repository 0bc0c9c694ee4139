package org.eventcore.runtime.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eventcore.runtime.SerializationException;
import org.eventcore.runtime.StoreException;
import org.eventcore.runtime.StoreOperation;
import org.eventcore.runtime.StoredEvent;
import org.eventcore.runtime.codec.EventCodec;
import org.eventcore.runtime.store.CommandKey;
import org.eventcore.runtime.store.CommittedCommand;
import org.eventcore.runtime.store.EventStore;

/**
 * The answer to an execution whose idempotency key had committed: the first execution's result, its events read
 * back from the store by id and decoded, its stream versions, {@link ExecutionResult#replayed()} true.
 */
final class Replays {
  private final EventStore store;

  Replays(EventStore store) {
    this.store = store;
  }

  /**
   * The replay of the command committed under {@code key}, or null when there is none (or no key). A failure to
   * look it up is thrown with the outcome it was to replace as suppressed: whether a replay was due is unknown.
   */
  ExecutionResult instead(CommandBinding<?, ?, ?> binding, CommandKey key, int attempt,
      RuntimeException outcome) {
    if (key == null) {
      return null;
    }
    try {
      Optional<CommittedCommand> committed = store.committedCommand(key.idempotencyKey());
      if (committed.isEmpty()) {
        return null;
      }
      key.requireSameCommandAs(committed.get().key());
      return of(binding, committed.get(), attempt);
    } catch (StoreException e) {
      if (outcome != null) {
        e.addSuppressed(outcome);
      }
      throw e;
    }
  }

  /** The result of a command that committed under a key: its events read back and decoded, its versions. */
  <E> ExecutionResult of(CommandBinding<?, ?, E> binding, CommittedCommand committed, int attempt) {
    List<StoredEvent> stored = store.readEvents(committed.eventIds());
    if (stored.size() != committed.eventIds().size()) {
      throw new StoreException(StoreOperation.READ_EVENTS, "idempotency key '" + committed.key().idempotencyKey()
          + "' records " + committed.eventIds().size() + " event id(s), but " + stored.size() + " are stored");
    }
    EventCodec<E> codec = binding.codec();
    List<Object> events = new ArrayList<>(stored.size());
    for (StoredEvent e : stored) {
      try {
        codec.decode(e.eventType(), e.payload(), events::add);
      } catch (SerializationException x) {
        throw x.at(e.streamId(), e.version());
      }
    }
    return new ExecutionResult(events, committed.streamVersions(), attempt, true);
  }

}

package org.eventcore.runtime.command;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.eventcore.runtime.InvalidInputException;
import org.eventcore.runtime.SerializationException;
import org.eventcore.runtime.StoredEvent;
import org.eventcore.runtime.StreamId;
import org.eventcore.runtime.codec.EventCodec;
import org.eventcore.runtime.store.EventStore;
import org.eventcore.runtime.store.NewEvent;

/**
 * Where an attempt's state comes from: a fold of the whole streams (with dynamic discovery), or the state cache
 * plus the events after the cached versions.
 *
 * <p>Soundness of the cache rests on three rules. Only states the processor proved to depend on the events alone
 * ({@link CommandBinding#stateDependsOnlyOnEvents()}, keyed by state type) or on the events and the stream
 * components the command's own fold reads ({@link CommandBinding#foldInputs}, keyed by command type and those
 * values) are cached. A fresh fold applies the streams one after another in
 * read order, so a cached state is only extended by events that keep that order: every new event belongs to a
 * stream at or after the last stream that had events when the state was folded, and the new events arrive in
 * stream order; otherwise the state is folded again from version 0. The events a command wrote are applied
 * decoded from the JSON that was stored, as a fresh fold would see them.
 */
final class StateSource {
  private final EventStore store;
  private final StateCache cache;
  private final boolean decideOnCachedState;

  /** {@code cache} null: every attempt folds the whole streams. */
  StateSource(EventStore store, StateCache cache, boolean decideOnCachedState) {
    this.store = store;
    this.cache = cache;
    this.decideOnCachedState = decideOnCachedState;
  }

  /**
   * A folded state and the version of every stream read.
   *
   * @param unverified true when it was taken from the cache without reading the store in this attempt: the
   *     append's expected versions verify it, and any other outcome must be confirmed with {@link #refresh}
   * @param key its cache key, or null when the state is not cached
   */
  record Read<S>(S state, Map<StreamId, Long> versions, boolean unverified, StateCache.Key key) {}

  StateCacheStats stats() {
    return cache == null ? new StateCacheStats(0, 0, 0, 0, 0, 0) : cache.stats();
  }

  /** The state for one attempt; the first attempt of a warm command may decide on the cached state unread. */
  @SuppressWarnings("unchecked")
  <C, S, E> Read<S> read(CommandBinding<C, S, E> binding, C command, List<StreamId> declared, boolean first) {
    StateCache.Key key = cache == null ? null : key(binding, command, declared);
    if (key == null) {
      return readFully(binding, command, declared, null);
    }
    StateCache.Entry cached = cache.get(key);
    if (cached == null) {
      return readFully(binding, command, declared, key);
    }
    if (first && decideOnCachedState) {
      return new Read<>((S) cached.state(), cached.versions(), true, key);
    }
    return readTail(binding, command, key, (S) cached.state(), cached.versions());
  }

  /** The cache key of the command's state, or null when the binding does not say the state may be cached. */
  private static <C, S, E> StateCache.Key key(CommandBinding<C, S, E> binding, C command, List<StreamId> declared) {
    if (binding.stateDependsOnlyOnEvents()) {
      S initial = binding.initialState(command);
      return new StateCache.Key(
          initial == null ? binding.commandType() : initial.getClass(), binding.codec().getClass(), declared, null);
    }
    List<StreamId> inputs = binding.foldInputs(command);
    return inputs == null ? null
        : new StateCache.Key(binding.commandType(), binding.codec().getClass(), declared, List.copyOf(inputs));
  }

  /** The same state brought up to date by reading the events after its versions. */
  <C, S, E> Read<S> refresh(CommandBinding<C, S, E> binding, C command, Read<S> read) {
    return readTail(binding, command, read.key(), read.state(), read.versions());
  }

  /** After a successful append: the cached state advanced by the events written, when the order allows. */
  <C, S, E> void appended(
      CommandBinding<C, S, E> binding, C command, Read<S> read, List<NewEvent> events, Map<StreamId, Long> after) {
    if (read.key() == null) {
      return;
    }
    Tail<C, S, E> tail = new Tail<>(binding, command, read.state(), read.versions());
    EventCodec<E> codec = binding.codec();
    try {
      for (NewEvent e : events) {
        if (!tail.inOrder(e.streamId())) {
          cache.invalidate(read.key());
          return;
        }
        tail.state = binding.apply(command, tail.state, codec.decode(e.eventType(), e.payload()));
      }
    } catch (RuntimeException e) {
      // the events are written: the next command folds them from the store and reports what fails there
      cache.invalidate(read.key());
      return;
    }
    cache.put(read.key(), tail.state, ordered(read.key(), after));
  }

  private <C, S, E> Read<S> readTail(
      CommandBinding<C, S, E> binding, C command, StateCache.Key key, S state, Map<StreamId, Long> versions) {
    Tail<C, S, E> tail = new Tail<>(binding, command, state, versions);
    Map<StreamId, Long> heads = store.readStreamsAfter(versions, tail);
    for (Map.Entry<StreamId, Long> v : versions.entrySet()) {
      if (heads.getOrDefault(v.getKey(), 0L) < v.getValue()) {
        tail.outOfOrder = true; // the cached versions are from another history (a reset store): start over
      }
    }
    if (tail.outOfOrder) {
      cache.invalidate(key);
      return readFully(binding, command, key.streams(), key);
    }
    Map<StreamId, Long> read = ordered(key, heads);
    cache.put(key, tail.state, read);
    return new Read<>(tail.state, read, false, key);
  }

  /** Reads and folds the whole streams, following discovery; a cacheable state is put into the cache. */
  private <C, S, E> Read<S> readFully(
      CommandBinding<C, S, E> binding, C command, List<StreamId> declared, StateCache.Key key) {
    String name = command.getClass().getSimpleName();
    Fold<C, S, E> fold = new Fold<>(binding, command, binding.initialState(command));
    Map<StreamId, Long> versions = new LinkedHashMap<>();
    List<StreamId> toRead = declared;
    while (!toRead.isEmpty()) {
      versions.putAll(store.readStreams(toRead, fold));
      Collection<StreamId> discovered = binding.discoverStreams(command, fold.state);
      if (discovered == null || discovered.isEmpty()) {
        break;
      }
      List<StreamId> next = new ArrayList<>();
      for (StreamId s : discovered) {
        if (s == null) {
          throw new InvalidInputException("command " + name + " discovered a null stream id");
        }
        if (!versions.containsKey(s) && !next.contains(s)) {
          next.add(s);
        }
      }
      toRead = next;
    }
    if (key != null) {
      Map<StreamId, Long> read = ordered(key, versions);
      cache.put(key, fold.state, read);
      return new Read<>(fold.state, read, false, key);
    }
    return new Read<>(fold.state, versions, false, null);
  }

  /** The versions of the key's streams, in its order, unmodifiable. */
  private static Map<StreamId, Long> ordered(StateCache.Key key, Map<StreamId, Long> versions) {
    Map<StreamId, Long> out = new LinkedHashMap<>();
    for (StreamId s : key.streams()) {
      out.put(s, versions.getOrDefault(s, 0L));
    }
    return Collections.unmodifiableMap(out);
  }

  /** Decodes each stored event and folds it into the state; the consumer handed to the store. */
  private static class Fold<C, S, E> implements Consumer<StoredEvent> {
    final CommandBinding<C, S, E> binding;
    final EventCodec<E> codec;
    final C command;
    /** Folds one decoded event; a stored row of a split former version gives several. */
    private final Consumer<E> apply = this::apply;
    S state;

    Fold(CommandBinding<C, S, E> binding, C command, S initial) {
      this.binding = binding;
      this.codec = binding.codec();
      this.command = command;
      this.state = initial;
    }

    @Override
    public void accept(StoredEvent stored) {
      try {
        codec.decode(stored.eventType(), stored.payload(), apply);
      } catch (SerializationException e) {
        throw e.at(stored.streamId(), stored.version());
      }
    }

    private void apply(E event) {
      state = binding.apply(command, state, event);
    }
  }

  /**
   * Folds events after the cached versions onto the cached state while they keep the order of a fresh fold;
   * the first one that does not sets {@link #outOfOrder} and the rest are ignored.
   */
  private static final class Tail<C, S, E> extends Fold<C, S, E> {
    private final List<StreamId> streams;
    /** Index of the stream the last event belonged to: at least the last stream that had events. */
    private int current;
    boolean outOfOrder;

    Tail(CommandBinding<C, S, E> binding, C command, S state, Map<StreamId, Long> versions) {
      super(binding, command, state);
      this.streams = new ArrayList<>(versions.keySet());
      int last = 0;
      int i = 0;
      for (long v : versions.values()) {
        if (v > 0) {
          last = i;
        }
        i++;
      }
      this.current = last;
    }

    /** Whether an event of {@code stream} may follow the events applied so far. */
    boolean inOrder(StreamId stream) {
      int index = streams.indexOf(stream);
      if (index < current) {
        return false;
      }
      current = index;
      return true;
    }

    @Override
    public void accept(StoredEvent stored) {
      if (outOfOrder || !inOrder(stored.streamId())) {
        outOfOrder = true;
        return;
      }
      super.accept(stored);
    }
  }
}

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
import org.eventcore.runtime.codec.StateCodec;
import org.eventcore.runtime.store.EventStore;
import org.eventcore.runtime.store.NewEvent;
import org.eventcore.runtime.store.SnapshotKey;

/**
 * Where an attempt's state comes from: a fold of the whole streams (with dynamic discovery), or the state cache
 * plus the events after the cached versions.
 *
 * <p>Soundness of the cache rests on three rules. Only states the processor proved to depend on the events alone
 * ({@link CommandBinding#stateDependsOnlyOnEvents()}, keyed by state type) or on the events and the stream
 * components the command's own fold reads ({@link CommandBinding#foldInputs}, keyed by command type and those
 * values) are cached. A fresh fold applies the streams one after another in read order, and a cached state is
 * only ever extended into what a fresh fold of the same events gives ({@link CachedFold}: an event of an earlier
 * stream than the last one folded is applied to the state kept after the first stream, and the later streams'
 * kept events are folded again after it); a tail that does not follow the cached versions (a reset store) folds
 * the whole streams again. The events a command wrote are applied decoded from the JSON that was stored, as a
 * fresh fold would see them.
 *
 * <p>A durable snapshot ({@link Snapshots}) is a cache entry kept in the store, for states the state type's own
 * fold makes ({@link CommandBinding#stateCodec()}): it holds the state and its versions, not what extends a state
 * of several streams out of order, so a snapshot is read like a cached state whose tail must follow its versions
 * in a fresh fold's order (else the streams are folded from version 0). It serves a state the cache does not hold.
 */
final class StateSource {
  private final EventStore store;
  private final StateCache cache;
  private final boolean decideOnCachedState;
  private final Snapshots snapshots;

  /** {@code cache} null: no state cache; {@code snapshots} null: no durable snapshots. */
  StateSource(EventStore store, StateCache cache, boolean decideOnCachedState, Snapshots snapshots) {
    this.store = store;
    this.cache = cache;
    this.decideOnCachedState = decideOnCachedState;
    this.snapshots = snapshots;
  }

  /**
   * A folded state and the version of every stream read.
   *
   * @param unverified true when it was taken from the cache without reading the store in this attempt: the
   *     append's expected versions verify it, and any other outcome must be confirmed with {@link #refresh}
   * @param key its cache key, or null when the state is not cached
   * @param later for a cached state of several streams, what extends it in a fresh fold's order; else null
   */
  record Read<S>(
      S state, Map<StreamId, Long> versions, boolean unverified, StateCache.Key key, StateCache.Later later) {}

  StateCacheStats stats() {
    return cache == null ? new StateCacheStats(0, 0, 0, 0, 0, 0) : cache.stats();
  }

  /**
   * The state for one attempt; the first attempt of a warm command may decide on the cached state unread, unless
   * this executor's own writes through another entry made it stale ({@link StateCache#knownStale}).
   */
  @SuppressWarnings("unchecked")
  <C, S, E> Read<S> read(CommandBinding<C, S, E> binding, C command, List<StreamId> declared, boolean first) {
    boolean snapshotted = snapshotted(binding);
    StateCache.Key key = cache == null && !snapshotted ? null : key(binding, command, declared);
    if (key == null) {
      return readFully(binding, command, declared, null);
    }
    StateCache.Entry cached = cache == null ? null : cache.get(key);
    if (cached == null) {
      return snapshotted ? readCold(binding, command, key) : readFully(binding, command, declared, key);
    }
    if (first && decideOnCachedState && !cache.knownStale(cached)) {
      return new Read<>((S) cached.state(), cached.versions(), true, key, cached.later());
    }
    return readTail(binding, command, key, (S) cached.state(), cached.versions(), cached.later());
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

  /** Whether the binding's states are snapshotted here. */
  private boolean snapshotted(CommandBinding<?, ?, ?> binding) {
    return snapshots != null && binding.stateCodec() != null;
  }

  /**
   * A state not in the cache, of a snapshotted binding: the newest usable snapshot and the events after it, else
   * the whole streams; a snapshot is written (off the hot path) when the events folded since the snapshot reached
   * the snapshot interval, which also replaces a snapshot that was missing, stale or did not decode.
   */
  private <C, S, E> Read<S> readCold(CommandBinding<C, S, E> binding, C command, StateCache.Key key) {
    SnapshotKey snapshotKey = Snapshots.key(binding, key.streams());
    StateCodec<S> codec = binding.stateCodec();
    Snapshots.Loaded<S> loaded = snapshots.load(snapshotKey, codec);
    Read<S> read = loaded == null ? readFully(binding, command, key.streams(), key)
        : readTail(binding, command, key, loaded.state(), loaded.versions(), null);
    long basis = loaded == null ? 0 : loaded.total();
    long total = total(read.versions());
    if (total < basis || snapshots.due(basis, total) || (loaded == null && total >= snapshots.every())) {
      snapshots.write(snapshotKey, codec, read.state(), read.versions());
    }
    return read;
  }

  private void invalidate(StateCache.Key key) {
    if (cache != null) {
      cache.invalidate(key);
    }
  }

  private void put(StateCache.Key key, Object state, Map<StreamId, Long> versions, StateCache.Later later) {
    if (cache != null) {
      cache.put(key, state, versions, later);
    }
  }

  private static long total(Map<StreamId, Long> versions) {
    long sum = 0;
    for (long v : versions.values()) {
      sum += v;
    }
    return sum;
  }

  /** The same state brought up to date by reading the events after its versions. */
  <C, S, E> Read<S> refresh(CommandBinding<C, S, E> binding, C command, Read<S> read) {
    return readTail(binding, command, read.key(), read.state(), read.versions(), read.later());
  }

  /**
   * After a successful append: the cached state advanced by the events written, in a fresh fold's order, and
   * snapshotted when it passed a multiple of the snapshot interval.
   */
  <C, S, E> void appended(
      CommandBinding<C, S, E> binding, C command, Read<S> read, List<NewEvent> events, Map<StreamId, Long> after) {
    if (read.key() == null) {
      return;
    }
    CachedFold<C, S, E> fold = new CachedFold<>(binding, command, read.key().streams(), read.state(),
        read.versions(), read.later());
    try {
      for (NewEvent e : events) {
        fold.add(e.streamId(), e.eventType(), e.payload());
      }
      fold.finish();
    } catch (RuntimeException e) {
      // the events are written: the next command folds them from the store and reports what fails there
      invalidate(read.key());
      return;
    }
    if (fold.unusable) {
      invalidate(read.key());
      return;
    }
    Map<StreamId, Long> versions = ordered(read.key(), after);
    put(read.key(), fold.state, versions, fold.later());
    if (snapshotted(binding) && snapshots.due(total(read.versions()), total(versions))) {
      snapshots.write(Snapshots.key(binding, read.key().streams()), binding.stateCodec(), fold.state, versions);
    }
  }

  private <C, S, E> Read<S> readTail(CommandBinding<C, S, E> binding, C command, StateCache.Key key, S state,
      Map<StreamId, Long> versions, StateCache.Later later) {
    CachedFold<C, S, E> fold = new CachedFold<>(binding, command, key.streams(), state, versions, later);
    Map<StreamId, Long> heads = store.readStreamsAfter(versions, fold::accept);
    for (Map.Entry<StreamId, Long> v : versions.entrySet()) {
      if (heads.getOrDefault(v.getKey(), 0L) < v.getValue()) {
        fold.unusable = true; // the versions are from another history (a reset store): start over
      }
    }
    if (fold.unusable) {
      invalidate(key);
      return readFully(binding, command, key.streams(), key);
    }
    fold.finish();
    Map<StreamId, Long> read = ordered(key, heads);
    StateCache.Later kept = fold.later();
    put(key, fold.state, read, kept);
    return new Read<>(fold.state, read, false, key, kept);
  }

  /** Reads and folds the whole streams, following discovery; a cacheable state is put into the cache. */
  private <C, S, E> Read<S> readFully(
      CommandBinding<C, S, E> binding, C command, List<StreamId> declared, StateCache.Key key) {
    String name = command.getClass().getSimpleName();
    if (key != null) {
      // a cacheable state has no discovery: its declared streams are all it reads
      CachedFold<C, S, E> fold = new CachedFold<>(binding, command, declared, binding.initialState(command),
          Map.of(), null);
      Map<StreamId, Long> read = ordered(key, store.readStreams(declared, fold::accept));
      fold.finish();
      StateCache.Later later = fold.later();
      put(key, fold.state, read, later);
      return new Read<>(fold.state, read, false, key, later);
    }
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
    return new Read<>(fold.state, versions, false, null, null);
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
  private static final class Fold<C, S, E> implements Consumer<StoredEvent> {
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
}

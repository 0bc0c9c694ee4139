package org.eventcore.runtime.command;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.eventcore.runtime.StreamId;

/**
 * The executor's state cache: per fold and list of streams, the folded state and the version of every
 * stream it was folded to, least recently used first out, bounded by a budget of estimated bytes.
 *
 * <p>An entry's weight is {@link #ENTRY_BYTES} (the map node, key, value and versions map) plus
 * {@link #STREAM_BYTES} and two bytes per character for each stream id, plus the state's weight from the
 * weigher (default {@link #DEFAULT_STATE_BYTES}); an entry of several streams adds its head state's weight and its
 * kept events ({@link CachedFold#EVENT_BYTES} and two bytes per JSON character each). A plain synchronized access-ordered map rather than Caffeine:
 * an operation is a few hundred nanoseconds, against a database round trip saved per hit, and the runtime keeps
 * its dependencies few.
 *
 * <p>An entry is only ever replaced by one folded to versions at least as new, so a slow thread cannot regress it.
 * Per stream held by some entry it also tracks the newest version any entry was put with, so that an entry this
 * executor's own writes made stale is known to be ({@link #knownStale}). Thread-safe.
 */
final class StateCache {
  /** The map node, key record and list, value record and versions map of one entry (64-bit JVM, compressed oops). */
  static final long ENTRY_BYTES = 240;
  /** Per stream: its StreamId and String objects, array slot and versions-map node, without the characters. */
  static final long STREAM_BYTES = 120;
  /** The state estimate when no weigher is configured. */
  static final long DEFAULT_STATE_BYTES = 256;

  /**
   * What an entry is found by: the fold and the streams in read order.
   *
   * <p>A state type's own fold ({@link CommandBinding#stateDependsOnlyOnEvents()}) is its apply methods over one
   * event family from its own initial state: {@code fold} is the state type and {@code inputs} null, so commands
   * that share the state type and family share entries (Deposit and Withdraw share an account's state). A fold
   * written on the command ({@link CommandBinding#foldInputs}) may route events by the stream components it reads:
   * {@code fold} is the command type and {@code inputs} those components' values, so two command types sharing a
   * state type never share entries, nor two commands of one type whose components differ.
   */
  record Key(Class<?> fold, Class<?> family, List<StreamId> streams, List<StreamId> inputs) {}

  /**
   * For a key of several streams, what lets an event of any stream extend the state in a fresh fold's order
   * ({@link CachedFold}).
   *
   * @param head the state folded from the first stream alone
   * @param events per stream after the first, its decoded events in version order (unmodifiable)
   * @param bytes their estimated bytes
   */
  record Later(Object head, List<List<Object>> events, long bytes) {}

  /**
   * A folded state.
   *
   * @param state the state
   * @param versions the version of every stream of the key it was folded to, in read order (unmodifiable)
   * @param weight its estimated bytes
   * @param later for a key of several streams, its head and kept events; else null
   */
  record Entry(Object state, Map<StreamId, Long> versions, long weight, Later later) {
    long total() {
      long sum = 0;
      for (long v : versions.values()) {
        sum += v;
      }
      return sum;
    }
  }

  private final long budget;
  private final ToLongFunction<Object> stateWeigher;
  private final ExecutorMetrics metrics;
  private final LinkedHashMap<Key, Entry> entries = new LinkedHashMap<>(64, 0.75f, true);
  /** Per stream some entry holds: {number of entries holding it, newest version any put recorded}. */
  private final HashMap<StreamId, long[]> known = new HashMap<>();
  private long weight;
  private long hits;
  private long misses;
  private long evictions;

  StateCache(long budget, ToLongFunction<Object> stateWeigher, ExecutorMetrics metrics) {
    this.budget = budget;
    this.stateWeigher = stateWeigher;
    this.metrics = metrics;
  }

  /** The entry of {@code key} or null; counts a hit or a miss. */
  Entry get(Key key) {
    Entry e;
    synchronized (this) {
      e = entries.get(key);
      if (e == null) {
        misses++;
      } else {
        hits++;
      }
    }
    metrics.stateCache(e != null);
    return e;
  }

  /** Keeps {@code state} folded to {@code versions} unless the entry held is newer; evicts to stay in budget. */
  void put(Key key, Object state, Map<StreamId, Long> versions, Later later) {
    long w = ENTRY_BYTES + Math.max(0, stateWeigher.applyAsLong(state));
    for (StreamId s : key.streams()) {
      w += STREAM_BYTES + 2L * s.value().length();
    }
    if (later != null) {
      // the head is weighed as a state; a cached fold's inputs share the key's stream ids
      w += Math.max(0, stateWeigher.applyAsLong(later.head())) + later.bytes();
    }
    Entry entry = new Entry(state, versions, w, later);
    long evicted = 0;
    synchronized (this) {
      learn(versions);
      Entry old = entries.get(key);
      if (old != null && old.total() > entry.total()) {
        return;
      }
      if (old != null) {
        weight -= old.weight();
        entries.remove(key);
        release(key);
      }
      if (w > budget) {
        return; // larger than the whole budget: not cached
      }
      entries.put(key, entry);
      hold(key, versions);
      weight += w;
      Iterator<Map.Entry<Key, Entry>> eldest = entries.entrySet().iterator();
      while (weight > budget && eldest.hasNext()) {
        Map.Entry<Key, Entry> e = eldest.next();
        weight -= e.getValue().weight();
        eldest.remove();
        release(e.getKey());
        evicted++;
      }
      evictions += evicted;
    }
    if (evicted > 0) {
      metrics.stateCacheEvicted(evicted);
    }
  }

  /** Drops the entry of {@code key}, if any. */
  synchronized void invalidate(Key key) {
    Entry old = entries.remove(key);
    if (old != null) {
      weight -= old.weight();
      release(key);
    }
  }

  /**
   * Whether another entry was put since with a newer version of one of this entry's streams: this executor then
   * knows the entry is stale (its own command wrote through another key, as two transfers sharing an account do),
   * and deciding on it unread would only cost a version conflict. Other processes' writes are not known here.
   */
  synchronized boolean knownStale(Entry entry) {
    for (Map.Entry<StreamId, Long> v : entry.versions().entrySet()) {
      long[] k = known.get(v.getKey());
      if (k != null && k[1] > v.getValue()) {
        return true;
      }
    }
    return false;
  }

  /** How many streams {@link #knownStale} tracks: those some entry holds. */
  synchronized int trackedStreams() {
    return known.size();
  }

  /** Raises the newest known version of every held stream among {@code versions}. */
  private void learn(Map<StreamId, Long> versions) {
    for (Map.Entry<StreamId, Long> v : versions.entrySet()) {
      long[] k = known.get(v.getKey());
      if (k != null && v.getValue() > k[1]) {
        k[1] = v.getValue();
      }
    }
  }

  /** Counts a new entry's streams as held, so that their newest versions are tracked while any entry has them. */
  private void hold(Key key, Map<StreamId, Long> versions) {
    for (StreamId s : key.streams()) {
      long[] k = known.computeIfAbsent(s, unused -> new long[2]);
      k[0]++;
      k[1] = Math.max(k[1], versions.getOrDefault(s, 0L));
    }
  }

  /** Counts a removed entry's streams as no longer held by it; forgets a stream no entry holds. */
  private void release(Key key) {
    for (StreamId s : key.streams()) {
      long[] k = known.get(s);
      if (k != null && --k[0] == 0) {
        known.remove(s);
      }
    }
  }

  synchronized StateCacheStats stats() {
    return new StateCacheStats(hits, misses, evictions, entries.size(), weight, budget);
  }
}

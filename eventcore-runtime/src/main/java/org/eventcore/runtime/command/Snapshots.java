package org.eventcore.runtime.command;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eventcore.runtime.StreamId;
import org.eventcore.runtime.codec.StateCodec;
import org.eventcore.runtime.store.SnapshotKey;
import org.eventcore.runtime.store.SnapshotStore;
import org.eventcore.runtime.store.StoredSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The executor's durable snapshots: loads the newest snapshot of a state for a cold read, and writes snapshots off
 * the hot path, on {@code writer} (default: one daemon thread of this executor, started on demand and stopped
 * after 30 idle seconds), never inside an append. Writes of one key coalesce: a key waiting to be written is
 * written once, with its newest state. A snapshot that cannot be loaded or decoded is ignored (the caller folds
 * from the events, and a new snapshot replaces it); a write that fails is logged at WARN (at most one WARN a
 * minute, the rest at DEBUG), without the payload, and forgotten. Nothing here fails a command. Thread-safe.
 */
final class Snapshots {
  private static final Logger log = LoggerFactory.getLogger(Snapshots.class);
  /** At most one WARN per this interval (a missing table would otherwise warn on every cold command). */
  static final long WARN_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);
  /** How many keys may wait to be written; beyond it a snapshot is skipped (a later one is due N events on). */
  static final int MAX_PENDING = 10_000;

  /** A state to write: encoded on the writer, since states are immutable. */
  private record Pending(StateCodec<Object> codec, Object state, Map<StreamId, Long> versions) {}

  /** A snapshot read back: the state and the versions it was folded to. */
  record Loaded<S>(S state, Map<StreamId, Long> versions, long total) {}

  private final SnapshotStore store;
  private final int every;
  private final Executor writer;
  private final Map<SnapshotKey, Pending> pending = new ConcurrentHashMap<>();
  /** {@link System#nanoTime()} from which the next failure is a WARN again; MIN_VALUE: now. */
  private final AtomicLong nextWarn = new AtomicLong(Long.MIN_VALUE);

  /**
   * @param every write a snapshot each time a state's total version passes a multiple of it, at least 1
   * @param writer where snapshots are encoded and saved, or null for an own daemon thread
   */
  Snapshots(SnapshotStore store, int every, Executor writer) {
    this.store = store;
    this.every = every;
    this.writer = writer != null ? writer : ownThread();
  }

  private static Executor ownThread() {
    ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
        r -> {
          Thread t = new Thread(r, "eventcore-snapshots");
          t.setDaemon(true);
          return t;
        });
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  int every() {
    return every;
  }

  /** The key of a binding's state over {@code streams}. */
  static SnapshotKey key(CommandBinding<?, ?, ?> binding, List<StreamId> streams) {
    return new SnapshotKey(binding.stateCodec().stateType().getName(), binding.codec().family().getName(), streams);
  }

  /** The stored snapshot of {@code key} at the codec's version, decoded; null when none, or it cannot be used. */
  <S> Loaded<S> load(SnapshotKey key, StateCodec<S> codec) {
    StoredSnapshot stored;
    try {
      stored = store.loadSnapshot(key, codec.version()).orElse(null);
    } catch (RuntimeException e) {
      warn("snapshot of {} on {} not loaded ({}); folding from the events", key.stateType(), key.streams(),
          e.getClass().getSimpleName());
      log.debug("snapshot load failure", e);
      return null;
    }
    if (stored == null) {
      return null;
    }
    try {
      S state = codec.decode(stored.payload());
      if (state == null) {
        throw new IllegalStateException("the state codec decoded null");
      }
      return new Loaded<>(state, stored.versions(), stored.totalVersion());
    } catch (RuntimeException e) {
      // a snapshot is a cache: one that does not decode (a changed state without a raised version, a damaged row)
      // is folded from the events instead and replaced by the next snapshot
      warn("snapshot of {} on {} at {} ignored, it does not decode: {}; folding from the events",
          key.stateType(), key.streams(), stored.versions(), e.getMessage());
      return null;
    }
  }

  /** Whether a state folded from {@code basis} (total version) to {@code total} is due for a snapshot. */
  boolean due(long basis, long total) {
    return total / every > basis / every;
  }

  /** Schedules a write of {@code state} folded to {@code versions}; returns at once. */
  @SuppressWarnings("unchecked")
  <S> void write(SnapshotKey key, StateCodec<S> codec, S state, Map<StreamId, Long> versions) {
    Pending job = new Pending((StateCodec<Object>) codec, state, versions);
    if (pending.size() >= MAX_PENDING && !pending.containsKey(key)) {
      log.debug("snapshot of {} on {} skipped: {} snapshots wait to be written", key.stateType(), key.streams(),
          MAX_PENDING);
      return;
    }
    if (pending.put(key, job) != null) {
      return; // a write of this key is queued: it takes the newest state
    }
    try {
      writer.execute(() -> save(key));
    } catch (RejectedExecutionException e) {
      pending.remove(key);
      warn("snapshot of {} on {} not written: the snapshot writer rejected it", key.stateType(), key.streams());
    }
  }

  private void save(SnapshotKey key) {
    Pending job = pending.remove(key);
    if (job == null) {
      return;
    }
    try {
      String payload = job.codec().encode(job.state());
      store.saveSnapshot(new StoredSnapshot(key, job.codec().version(), job.versions(), payload));
      log.debug("snapshot of {} on {} written at {}", key.stateType(), key.streams(), job.versions());
    } catch (RuntimeException e) {
      warn("snapshot of {} on {} at {} not written ({}); the state is folded from the events until the next one",
          key.stateType(), key.streams(), job.versions(), e.getClass().getSimpleName());
      log.debug("snapshot write failure", e);
    }
  }

  /** A WARN, unless one was logged less than {@link #WARN_INTERVAL_NANOS} ago: then a DEBUG. Never the payload. */
  private void warn(String format, Object... args) {
    long now = System.nanoTime();
    long next = nextWarn.get();
    if ((next == Long.MIN_VALUE || now - next >= 0) && nextWarn.compareAndSet(next, now + WARN_INTERVAL_NANOS)) {
      log.warn(format + " (further snapshot failures within a minute are logged at DEBUG)", args);
    } else {
      log.debug(format, args);
    }
  }
}

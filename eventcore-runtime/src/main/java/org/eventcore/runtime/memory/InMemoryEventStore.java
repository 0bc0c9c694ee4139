package org.eventcore.runtime.memory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import org.eventcore.runtime.InvalidInputException;
import org.eventcore.runtime.Position;
import org.eventcore.runtime.StoreException;
import org.eventcore.runtime.StoreOperation;
import org.eventcore.runtime.StoredEvent;
import org.eventcore.runtime.StreamId;
import org.eventcore.runtime.VersionConflictException;
import org.eventcore.runtime.internal.Validation;
import org.eventcore.runtime.projection.EventFilter;
import org.eventcore.runtime.projection.Horizon;
import org.eventcore.runtime.projection.Leadership;
import org.eventcore.runtime.projection.ProjectionSource;
import org.eventcore.runtime.store.AppendRequest;
import org.eventcore.runtime.store.AppendResult;
import org.eventcore.runtime.store.CommandKey;
import org.eventcore.runtime.store.CommittedCommand;
import org.eventcore.runtime.store.EventStore;
import org.eventcore.runtime.store.EventStream;
import org.eventcore.runtime.store.NewEvent;
import org.eventcore.runtime.store.SnapshotKey;
import org.eventcore.runtime.store.SnapshotStore;
import org.eventcore.runtime.store.StoredSnapshot;
import org.eventcore.runtime.store.VersionConflict;

/**
 * A thread-safe event store in memory, with the semantics of the PostgreSQL store: atomic multi-stream appends,
 * expected versions checked for every stream of a request, idempotent re-appends, contiguous versions from 1.
 * For tests, examples and single-process tools; nothing survives the JVM.
 *
 * <p>Also a {@link ProjectionSource}: global reads in append order, checkpoints and fenced leadership within
 * this JVM, wake-ups after appends.
 *
 * <p>Also a {@link SnapshotStore}: per key, the newest snapshot of each snapshot version still held, in a map
 * beside the events.
 *
 * <p>Appends are serialized by one write lock; reads copy the events they return under a read lock, so a
 * reader never observes half an append and user code never runs under the lock.
 *
 * <p>One class for every SPI it implements (events, idempotency keys, projections, snapshots), since they share
 * that lock and its maps; that is why it is longer than the other classes.
 */
public final class InMemoryEventStore implements EventStore, ProjectionSource, SnapshotStore {
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final Map<StreamId, List<StoredEvent>> streams = new HashMap<>();
  private final List<StoredEvent> log = new ArrayList<>();
  private final Map<UUID, StoredEvent> byId = new HashMap<>();
  /** Commands committed under an idempotency key, by key; written under the write lock with their events. */
  private final Map<String, CommittedCommand> commandKeys = new HashMap<>();
  private final Clock clock;
  private long transactions;
  private final Map<String, Position> checkpoints = new ConcurrentHashMap<>();
  private final Map<String, MemoryLeadership> leaders = new HashMap<>();
  private final Map<String, Long> fencingTokens = new HashMap<>();
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  /** Per key, its snapshots by snapshot version; guarded by itself. */
  private final Map<SnapshotKey, Map<Integer, StoredSnapshot>> snapshots = new HashMap<>();

  public InMemoryEventStore() {
    this(Clock.systemUTC());
  }

  /** A store that stamps events with {@code clock}'s time. */
  public InMemoryEventStore(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Map<StreamId, Long> readStreams(List<StreamId> ids, Consumer<StoredEvent> consumer) {
    Validation.streamsToRead(ids);
    return read(ids, id -> 0L, consumer);
  }

  @Override
  public Map<StreamId, Long> readStreamsAfter(Map<StreamId, Long> afterVersions, Consumer<StoredEvent> consumer) {
    return read(Validation.streamsToReadAfter(afterVersions), afterVersions::get, consumer);
  }

  /** The events of every stream after its version, copied under the read lock, handed over outside it. */
  private Map<StreamId, Long> read(
      List<StreamId> ids, ToLongFunction<StreamId> after, Consumer<StoredEvent> consumer) {
    Map<StreamId, Long> versions = new LinkedHashMap<>();
    List<StoredEvent[]> snapshot = new ArrayList<>(ids.size());
    lock.readLock().lock();
    try {
      for (StreamId id : ids) {
        List<StoredEvent> events = streams.getOrDefault(id, List.of());
        int from = (int) Math.min(after.applyAsLong(id), events.size());
        snapshot.add(events.subList(from, events.size()).toArray(new StoredEvent[0]));
        versions.put(id, (long) events.size());
      }
    } finally {
      lock.readLock().unlock();
    }
    for (StoredEvent[] events : snapshot) {
      for (StoredEvent e : events) {
        consumer.accept(e);
      }
    }
    return versions;
  }

  @Override
  public EventStream readStream(StreamId stream, long afterVersion) {
    Validation.streamRead(stream, afterVersion);
    lock.readLock().lock();
    try {
      List<StoredEvent> events = streams.getOrDefault(stream, List.of());
      int from = (int) Math.min(afterVersion, events.size());
      return EventStream.of(List.copyOf(events.subList(from, events.size())));
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public AppendResult append(AppendRequest request) {
    if (request == null) {
      throw new InvalidInputException("append request must not be null");
    }
    Appended appended = appendLocked(request);
    if (appended.wrote()) {
      for (Runnable listener : listeners) {
        listener.run();
      }
    }
    return appended.result();
  }

  /** An append's result and whether it wrote anything (listeners are woken only then, outside the lock). */
  private record Appended(AppendResult result, boolean wrote) {}

  private Appended appendLocked(AppendRequest request) {
    lock.writeLock().lock();
    try {
      CommandKey key = request.commandKey();
      CommittedCommand committed = key == null ? null : commandKeys.get(key.idempotencyKey());
      if (committed != null) {
        key.requireSameCommandAs(committed.key());
        // the retry of this very append (same event ids) is answered as a success, not as another's replay
        boolean own = !request.events().isEmpty() && committed.eventIds().equals(eventIds(request));
        return new Appended(new AppendResult(committed.streamVersions(), own ? null : committed), false);
      }
      AppendResult replay = replayedAppend(request);
      if (replay != null) {
        return new Appended(replay, false);
      }
      List<VersionConflict> conflicts = new ArrayList<>();
      request.expectedVersions().forEach((stream, expected) -> {
        long actual = streams.getOrDefault(stream, List.of()).size();
        if (actual != expected) {
          conflicts.add(new VersionConflict(stream, expected, actual));
        }
      });
      if (!conflicts.isEmpty()) {
        throw new VersionConflictException(conflicts);
      }
      Map<StreamId, Long> versions = new LinkedHashMap<>(request.expectedVersions());
      var now = clock.instant();
      if (request.events().isEmpty()) {
        remember(key, versions, request, now);
        return new Appended(new AppendResult(versions), false);
      }
      long tx = ++transactions;
      for (NewEvent e : request.events()) {
        List<StoredEvent> stream = streams.computeIfAbsent(e.streamId(), k -> new ArrayList<>());
        StoredEvent stored = new StoredEvent(e.eventId(), e.streamId(), stream.size() + 1L, e.eventType(),
            e.payload(), e.metadata(), now, new Position(tx, log.size() + 1L));
        stream.add(stored);
        log.add(stored);
        byId.put(e.eventId(), stored);
        versions.put(e.streamId(), stored.version());
      }
      remember(key, versions, request, now);
      return new Appended(new AppendResult(versions), true);
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public void saveSnapshot(StoredSnapshot snapshot) {
    if (snapshot == null) {
      throw new InvalidInputException("snapshot must not be null");
    }
    synchronized (snapshots) {
      Map<Integer, StoredSnapshot> byVersion = snapshots.computeIfAbsent(snapshot.key(), k -> new HashMap<>());
      byVersion.keySet().removeIf(v -> v < snapshot.snapshotVersion());
      StoredSnapshot held = byVersion.get(snapshot.snapshotVersion());
      if (held == null || held.totalVersion() <= snapshot.totalVersion()) {
        byVersion.put(snapshot.snapshotVersion(), snapshot);
      }
    }
  }

  @Override
  public Optional<StoredSnapshot> loadSnapshot(SnapshotKey key, int snapshotVersion) {
    Validation.snapshotLoad(key, snapshotVersion);
    synchronized (snapshots) {
      Map<Integer, StoredSnapshot> byVersion = snapshots.get(key);
      return Optional.ofNullable(byVersion == null ? null : byVersion.get(snapshotVersion));
    }
  }

  @Override
  public List<StoredEvent> readAll(Position after, EventFilter filter, int limit) {
    Validation.globalRead(after, filter, limit);
    lock.readLock().lock();
    try {
      int lo = 0;
      int hi = log.size();
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (log.get(mid).position().compareTo(after) <= 0) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      Predicate<StoredEvent> matches = filter.matcher();
      List<StoredEvent> page = new ArrayList<>(Math.min(limit, log.size() - lo));
      for (int i = lo; i < log.size() && page.size() < limit; i++) {
        StoredEvent e = log.get(i);
        if (matches.test(e)) {
          page.add(e);
        }
      }
      return page;
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Appends are serialized under one lock and visible only once complete: nothing ever trails the horizon. */
  @Override
  public Horizon horizon() {
    lock.readLock().lock();
    try {
      Position newest = log.isEmpty() ? Position.START : log.get(log.size() - 1).position();
      return new Horizon(newest, 0, Optional.empty());
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public Optional<Position> checkpoint(String projection) {
    Validation.projectionName(projection);
    return Optional.ofNullable(checkpoints.get(projection));
  }

  @Override
  public synchronized Optional<Leadership> tryLead(String projection) {
    Validation.projectionName(projection);
    if (leaders.containsKey(projection)) {
      return Optional.empty();
    }
    long token = fencingTokens.merge(projection, 1L, Long::sum);
    MemoryLeadership leadership = new MemoryLeadership(projection, token);
    leaders.put(projection, leadership);
    return Optional.of(leadership);
  }

  @Override
  public AutoCloseable onAppend(Runnable listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  private synchronized boolean isCurrent(MemoryLeadership leadership) {
    return leaders.get(leadership.projection) == leadership;
  }

  private synchronized void release(MemoryLeadership leadership) {
    leaders.remove(leadership.projection, leadership);
  }

  /** Leadership over one projection name within this store. */
  private final class MemoryLeadership implements Leadership {
    private final String projection;
    private final long token;

    MemoryLeadership(String projection, long token) {
      this.projection = projection;
      this.token = token;
    }

    @Override
    public String projection() {
      return projection;
    }

    @Override
    public long fencingToken() {
      return token;
    }

    @Override
    public boolean isHeld() {
      return isCurrent(this);
    }

    @Override
    public void saveCheckpoint(Position position) {
      synchronized (InMemoryEventStore.this) {
        if (!isCurrent(this)) {
          throw new StoreException(StoreOperation.LEADERSHIP, "projection '" + projection + "' leadership with"
              + " fencing token " + token + " is no longer current; checkpoint " + position + " not saved");
        }
        checkpoints.put(projection, position);
      }
    }

    @Override
    public void inTransaction(Position checkpoint, TransactionalWork work) {
      throw new InvalidInputException("projection '" + projection + "' asks for a transactional run, but the"
          + " in-memory store has no transactions to share; run it on a PostgresEventStore or non-transactionally");
    }

    @Override
    public void close() {
      release(this);
    }
  }

  /** Number of events in the store. */
  public long size() {
    lock.readLock().lock();
    try {
      return log.size();
    } finally {
      lock.readLock().unlock();
    }
  }

  /** All events in store order; a copy. */
  public List<StoredEvent> allEvents() {
    lock.readLock().lock();
    try {
      return List.copyOf(log);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** The result of an earlier identical append, or null when none of the event ids is stored. */
  /** Stores the key of a committed append with its result; called under the write lock. */
  private void remember(CommandKey key, Map<StreamId, Long> versions, AppendRequest request, Instant at) {
    if (key != null) {
      Map<StreamId, Long> sorted = new TreeMap<>(versions);
      commandKeys.put(key.idempotencyKey(), new CommittedCommand(key, sorted, eventIds(request), at));
    }
  }

  private static List<UUID> eventIds(AppendRequest request) {
    return request.events().stream().map(NewEvent::eventId).toList();
  }

  @Override
  public Optional<CommittedCommand> committedCommand(String idempotencyKey) {
    CommandKey.validateKey(idempotencyKey);
    lock.readLock().lock();
    try {
      return Optional.ofNullable(commandKeys.get(idempotencyKey));
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public List<StoredEvent> readEvents(List<UUID> eventIds) {
    Validation.eventIds(eventIds);
    lock.readLock().lock();
    try {
      List<StoredEvent> found = new ArrayList<>(eventIds.size());
      for (UUID id : eventIds) {
        StoredEvent e = byId.get(id);
        if (e != null) {
          found.add(e);
        }
      }
      return found;
    } finally {
      lock.readLock().unlock();
    }
  }

  private AppendResult replayedAppend(AppendRequest request) {
    if (request.events().isEmpty() || !byId.containsKey(request.events().get(0).eventId())) {
      for (NewEvent e : request.events()) {
        if (byId.containsKey(e.eventId())) {
          throw new InvalidInputException("event id " + e.eventId() + " is already stored but the append's first"
              + " event is not: an append is either new or a retry of an identical append");
        }
      }
      return null;
    }
    Map<StreamId, Long> versions = new LinkedHashMap<>(request.expectedVersions());
    for (NewEvent e : request.events()) {
      StoredEvent stored = byId.get(e.eventId());
      if (stored == null || !stored.streamId().equals(e.streamId())) {
        throw new InvalidInputException("event id " + e.eventId() + " does not match a stored append: an append"
            + " is either new or a retry of an identical append");
      }
      versions.merge(e.streamId(), stored.version(), Math::max);
    }
    return new AppendResult(versions);
  }
}

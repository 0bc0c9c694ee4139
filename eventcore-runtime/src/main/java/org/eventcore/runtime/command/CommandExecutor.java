package org.eventcore.runtime.command;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RetryPolicy;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.ToLongFunction;
import org.eventcore.runtime.CommandRejectedException;
import org.eventcore.runtime.ConcurrencyConflictException;
import org.eventcore.runtime.EventMetadata;
import org.eventcore.runtime.InvalidInputException;
import org.eventcore.runtime.SerializationException;
import org.eventcore.runtime.StoreException;
import org.eventcore.runtime.StreamId;
import org.eventcore.runtime.UuidV7;
import org.eventcore.runtime.VersionConflictException;
import org.eventcore.runtime.codec.EventCodec;
import org.eventcore.runtime.store.AppendRequest;
import org.eventcore.runtime.store.AppendResult;
import org.eventcore.runtime.store.CommandKey;
import org.eventcore.runtime.store.EventStore;
import org.eventcore.runtime.store.NewEvent;
import org.eventcore.runtime.store.SnapshotStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes {@code @Command} records against an {@link EventStore}.
 *
 * <p>One execution: resolve the command's streams (generated binding) → read them (one store call for all
 * declared streams) while folding every event into the state through the generated apply dispatcher → ask the
 * command for further streams (dynamic discovery) and read those too → {@code handle(state)} → append the new
 * events with the expected version of <em>every</em> stream read, read-only ones included. A
 * {@link VersionConflictException} makes the executor start over from the read, after a backoff, as the
 * {@link ConflictRetryPolicy} allows; business rejections ({@link CommandRejectedException}) and store failures
 * are never retried here.
 *
 * <p>Commands of one executor that touch a common stream run one at a time (striped locks in sorted order,
 * bounded waits: {@link Builder#streamLockTimeout}), so threads of one process wait instead of conflicting.
 * States the processor proved cacheable (folded from the events alone, or by a fold on the command that reads only
 * stream components: {@link CommandBinding#stateDependsOnlyOnEvents()}, {@link CommandBinding#foldInputs}) are
 * kept in a state cache ({@link Builder#stateCacheBytes}) with the versions they were folded to: a warm command decides on the cached state and the append's expected versions
 * verify it. A conflict makes the next attempt read only the events after the cached versions; a rejection, an
 * error or an empty decision on the cached state is confirmed by reading them first. A stale entry can cost a
 * version conflict, never a wrong write or a false rejection. States annotated {@code @Snapshot} are also kept
 * as durable snapshots in the store ({@link Builder#snapshotEvery}), so that a command whose state is not cached
 * reads only the events after the newest snapshot.
 *
 * <p>Thread-safe; share one executor per store.
 *
 * <p>Its parts do one job each ({@link StateSource}, {@link StateCache}, {@link Snapshots}, {@link StreamLocks},
 * {@link Replays}, {@link ExecutorMetrics}); what stays here is the execution's outline and the {@link Builder},
 * whose options are documented in one place, which is why the file is longer than the others.
 */
public final class CommandExecutor {
  private static final Logger log = LoggerFactory.getLogger(CommandExecutor.class);

  private final EventStore store;
  private final ConflictRetryPolicy retryPolicy;
  private final FailsafeExecutor<ExecutionResult> failsafe;
  private final ExecutorMetrics metrics;
  private final StateSource states;
  private final StreamLocks locks;
  private final Replays replays;

  /** An executor with the default {@link ConflictRetryPolicy} and no metrics. */
  public CommandExecutor(EventStore store) {
    this(builder(store));
  }

  /** An executor with the given retry policy and no metrics. */
  public CommandExecutor(EventStore store, ConflictRetryPolicy retryPolicy) {
    this(builder(store).retryPolicy(retryPolicy));
  }

  private CommandExecutor(Builder b) {
    this.store = b.store;
    this.replays = new Replays(b.store);
    this.retryPolicy = b.retryPolicy;
    // the Micrometer class is only loaded when a registry is given
    this.metrics = b.registry == null ? ExecutorMetrics.NONE : new MicrometerExecutorMetrics(b.registry);
    RetryPolicy<ExecutionResult> policy = RetryPolicy.<ExecutionResult>builder()
        // conflicts re-read and re-decide; so does a read the store could not retry itself because the fold had
        // already seen events (StoreException.retryable): nothing was written, a fresh attempt is safe
        .handleIf(e -> e instanceof VersionConflictException || e instanceof StoreException s && s.retryable())
        .withMaxAttempts(retryPolicy.maxAttempts())
        .withBackoff(retryPolicy.initialDelay(), retryPolicy.maxDelay())
        .withJitter(retryPolicy.jitter())
        .build();
    this.failsafe = Failsafe.with(policy);
    StateCache cache = b.cacheBytes == 0 ? null : new StateCache(b.cacheBytes, b.stateWeigher, metrics);
    this.states = new StateSource(store, cache, b.decideOnCachedState, snapshots(b));
    this.locks = b.lockTimeout == null ? null : new StreamLocks(b.lockTimeout);
  }

  /** Durable snapshots when they are on and the store keeps them, else null. */
  private static Snapshots snapshots(Builder b) {
    if (b.snapshotEvery == 0) {
      return null;
    }
    if (!(b.store instanceof SnapshotStore snapshotStore)) {
      log.debug("snapshots off: {} is not a SnapshotStore", b.store.getClass().getName());
      return null;
    }
    return new Snapshots(snapshotStore, b.snapshotEvery, b.snapshotWriter);
  }

  /** Starts a builder for an executor on {@code store}. */
  public static Builder builder(EventStore store) {
    return new Builder(store);
  }

  /** The state cache's counters now (all zero when the cache is off). */
  public StateCacheStats stateCacheStats() {
    return states.stats();
  }

  /** The policy this executor retries conflicts with. */
  public ConflictRetryPolicy retryPolicy() {
    return retryPolicy;
  }

  /**
   * Executes the command with a fresh correlation id.
   *
   * @see #execute(Object, EventMetadata)
   */
  public ExecutionResult execute(Object command) {
    return execute(command, null);
  }

  /**
   * Executes the command; every event it writes carries {@code metadata} (a fresh UUIDv7 correlation id is
   * added when it has none).
   *
   * @throws CommandRejectedException when the command's rules reject it, or its handle or apply method throws a
   *     checked exception (the cause); nothing is written. Unchecked exceptions of handle and apply reach the
   *     caller as they are
   * @throws ConcurrencyConflictException when every attempt met a version conflict; nothing is written
   * @throws org.eventcore.runtime.StoreException when the store fails (a read that failed transiently after
   *     events reached the fold is attempted again, within the retry policy's attempts)
   * @throws SerializationException when a stored event cannot be decoded (naming stream and version) or a new
   *     one cannot be encoded
   * @throws InvalidInputException for a null command, a type without generated binding, a null or empty set
   *     of streams, or an event aimed at a stream the command did not read
   */
  public ExecutionResult execute(Object command, EventMetadata metadata) {
    return execute(command, metadata, null);
  }

  /**
   * Executes the command at most once per idempotency key: if a command committed under {@code idempotencyKey}
   * (in this process or another, before a restart too), nothing is written and its result is returned with
   * {@link ExecutionResult#replayed()} true: its events, read back from the store, and its stream versions.
   * Executions with the same key at the same moment write once; the others return the replay. The key is
   * stored with the events, in the same transaction: the path without a replay costs no extra round trip. A
   * rejection, an empty decision or exhausted conflicts of a keyed execution are checked against the stored
   * keys first (one read), so that a repeat whose first execution changed the state is answered with the
   * replay, not refused. An execution that writes no event stores no key. Keys are kept until deleted by the
   * operator (docs/POSTGRES.md, "Idempotency keys").
   *
   * <p>A key is the caller's name for one execution: a request id, a message id. Retry with the same key after
   * an {@link org.eventcore.runtime.AppendOutcomeUnknownException} or any failure: the repeat writes at most
   * once.
   *
   * @param idempotencyKey 1 to 200 characters (see {@link CommandKey#validateKey}), or null for an execution
   *     without one (then see {@link #execute(Object, EventMetadata)})
   * @throws InvalidInputException also when the key was used by a command of another type or on other declared
   *     streams; nothing is written
   * @see #execute(Object, EventMetadata) for the other exceptions
   */
  public ExecutionResult execute(Object command, EventMetadata metadata, String idempotencyKey) {
    if (command == null) {
      throw new InvalidInputException("command must not be null");
    }
    if (idempotencyKey != null) {
      CommandKey.validateKey(idempotencyKey);
    }
    EventMetadata md = metadata == null
        ? EventMetadata.builder().correlationId(UuidV7.next()).build()
        : metadata.correlationId() == null ? metadata.toBuilder().correlationId(UuidV7.next()).build() : metadata;
    CommandBinding<?, ?, ?> binding = CommandBindings.of(command.getClass());
    CommandKey key = idempotencyKey == null ? null
        : new CommandKey(idempotencyKey, command.getClass().getName(), declaredStreams(binding, command));
    long started = System.nanoTime();
    try {
      // Failsafe numbers the attempts (its execution context); the attempt records the metrics of the last one
      ExecutionResult result =
          failsafe.get(ctx -> measured(binding, command, md, key, ctx.getAttemptCount() + 1, started));
      if (log.isDebugEnabled()) {
        log.debug("executed {} in {} attempt(s): {} event(s), streams {}{}", command.getClass().getSimpleName(),
            result.attempts(), result.events().size(), result.streamVersions(),
            result.replayed() ? " (replay of the execution under its idempotency key: nothing written)" : "");
      }
      return result;
    } catch (VersionConflictException e) {
      String name = command.getClass().getSimpleName();
      log.warn("command {} gave up after {} attempts: {}", name, retryPolicy.maxAttempts(), e.getMessage());
      throw new ConcurrencyConflictException(name, retryPolicy.maxAttempts(), e);
    }
  }

  @SuppressWarnings("unchecked")
  private static <C> List<StreamId> declaredStreams(CommandBinding<C, ?, ?> binding, Object command) {
    List<StreamId> declared = binding.streams((C) command);
    if (declared == null || declared.isEmpty()) {
      throw new InvalidInputException("command " + command.getClass().getSimpleName() + " declares no stream to"
          + " read; its @Stream components (or collections) must name at least one StreamId");
    }
    return declared;
  }

  /**
   * One attempt; records the execution's metrics when this attempt is its last: it succeeded, was rejected,
   * failed, or met a version conflict with no attempt left (the retry policy has no other end condition). A keyed
   * execution whose last attempt would end without writing (rejected, nothing to do, a failure of the command's
   * own code, conflicts exhausted) first looks for its key: a replay answers it instead.
   */
  private ExecutionResult measured(CommandBinding<?, ?, ?> binding, Object command, EventMetadata md,
      CommandKey key, int attempt, long started) {
    ExecutionResult result;
    try {
      result = attempt(binding, command, md, key, attempt);
    } catch (VersionConflictException e) {
      if (attempt >= retryPolicy.maxAttempts()) {
        ExecutionResult replay = replays.instead(binding, key, attempt, e);
        record(command, replay == null ? ExecutorMetrics.Outcome.CONFLICT : ExecutorMetrics.Outcome.SUCCESS,
            attempt, started);
        if (replay != null) {
          return replay;
        }
      }
      throw e;
    } catch (CommandRejectedException e) {
      return replayOrThrow(binding, command, key, attempt, started, e);
    } catch (StoreException | InvalidInputException | SerializationException e) {
      record(command, ExecutorMetrics.Outcome.ERROR, attempt, started);
      throw e;
    } catch (RuntimeException e) { // the command's own handle or apply threw
      ExecutionResult replay = replays.instead(binding, key, attempt, e);
      record(command, replay == null ? ExecutorMetrics.Outcome.ERROR : ExecutorMetrics.Outcome.SUCCESS, attempt,
          started);
      if (replay != null) {
        return replay;
      }
      throw e;
    } catch (Exception e) { // a checked exception thrown undeclared by the command's handle or apply
      return replayOrThrow(binding, command, key, attempt, started, new CommandRejectedException("command "
          + command.getClass().getSimpleName() + " failed in its handle or apply method with "
          + e.getClass().getName() + "; nothing was written (see the cause)", e));
    }
    if (key != null && result.events().isEmpty() && !result.replayed()) {
      ExecutionResult replay = replays.instead(binding, key, attempt, null);
      if (replay != null) {
        result = replay;
      }
    }
    record(command, ExecutorMetrics.Outcome.SUCCESS, attempt, started);
    return result;
  }

  private ExecutionResult replayOrThrow(CommandBinding<?, ?, ?> binding, Object command, CommandKey key,
      int attempt, long started, CommandRejectedException rejection) {
    ExecutionResult replay = replays.instead(binding, key, attempt, rejection);
    record(command, replay == null ? ExecutorMetrics.Outcome.REJECTED : ExecutorMetrics.Outcome.SUCCESS, attempt,
        started);
    if (replay != null) {
      return replay;
    }
    throw rejection;
  }

  private void record(Object command, ExecutorMetrics.Outcome outcome, int attempts, long started) {
    metrics.executed(command.getClass(), outcome, attempts, System.nanoTime() - started);
  }

  @SuppressWarnings("unchecked")
  private <C, S, E> ExecutionResult attempt(
      CommandBinding<C, S, E> binding, Object rawCommand, EventMetadata md, CommandKey key, int attempt) {
    C command = (C) rawCommand;
    List<StreamId> declared = declaredStreams(binding, command);
    StreamLocks.Held held = locks == null ? StreamLocks.NONE : locks.acquire(declared);
    try {
      StateSource.Read<S> read = states.read(binding, command, declared, attempt == 1);
      while (true) {
        try {
          ExecutionResult result = decideAndAppend(binding, command, md, key, attempt, read);
          if (result != null) {
            return result;
          }
        } catch (VersionConflictException e) {
          throw e; // the next attempt reads the events after the cached versions
        } catch (RuntimeException e) {
          if (!read.unverified()) {
            throw e;
          }
        }
        // decided on a cached state without reading: a rejection, an error or "nothing to do" is confirmed
        // against the store's current state before it counts
        read = states.refresh(binding, command, read);
      }
    } finally {
      held.close();
    }
  }

  /** handle, then append; null when the decision is to write nothing but the state read is unverified. */
  private <C, S, E> ExecutionResult decideAndAppend(CommandBinding<C, S, E> binding, C command, EventMetadata md,
      CommandKey key, int attempt, StateSource.Read<S> read) {
    String name = command.getClass().getSimpleName();
    Map<StreamId, Long> versions = read.versions();
    List<? extends E> decided = binding.handle(command, read.state());
    if (decided == null) {
      throw new InvalidInputException("command " + name + " returned null from handle; return List.of() to"
          + " write nothing");
    }
    if (decided.isEmpty()) {
      return read.unverified() ? null : new ExecutionResult(List.of(), versions, attempt);
    }
    EventCodec<E> codec = binding.codec();
    List<NewEvent> events = new ArrayList<>(decided.size());
    for (E event : decided) {
      if (event == null) {
        throw new InvalidInputException("command " + name + " returned a null event from handle");
      }
      StreamId stream = codec.streamId(event);
      if (!versions.containsKey(stream)) {
        throw new InvalidInputException("command " + name + " emitted " + codec.typeName(event) + " for stream '"
            + stream + "', which it did not read; add it as a @Stream component or return it from"
            + " discoverStreams");
      }
      events.add(new NewEvent(UuidV7.next(), stream, codec.typeName(event), codec.encode(event), md));
    }
    AppendResult appended = store.append(new AppendRequest(versions, events, key));
    if (appended.replayed()) {
      return replays.of(binding, appended.replayOf(), attempt);
    }
    Map<StreamId, Long> after = new LinkedHashMap<>(versions);
    after.putAll(appended.streamVersions());
    states.appended(binding, command, read, events, after);
    return new ExecutionResult(new ArrayList<>(decided), after, attempt);
  }

  /** Builder for a {@link CommandExecutor}. */
  public static final class Builder {
    /** The default state cache budget: 64 MiB. */
    public static final long DEFAULT_CACHE_BYTES = 64L << 20;
    /** The default snapshot interval: a snapshot each 100 events of a stream. */
    public static final int DEFAULT_SNAPSHOT_EVERY = 100;

    private final EventStore store;
    private ConflictRetryPolicy retryPolicy = ConflictRetryPolicy.defaults();
    private MeterRegistry registry;
    private long cacheBytes = DEFAULT_CACHE_BYTES;
    private ToLongFunction<Object> stateWeigher = state -> StateCache.DEFAULT_STATE_BYTES;
    private boolean decideOnCachedState = true;
    private Duration lockTimeout = Duration.ofSeconds(5);
    private int snapshotEvery = DEFAULT_SNAPSHOT_EVERY;
    private Executor snapshotWriter;

    private Builder(EventStore store) {
      if (store == null) {
        throw new InvalidInputException("event store must not be null");
      }
      this.store = store;
    }

    /** How version conflicts are retried; default {@link ConflictRetryPolicy#defaults()}. */
    public Builder retryPolicy(ConflictRetryPolicy policy) {
      if (policy == null) {
        throw new InvalidInputException("retry policy must not be null");
      }
      this.retryPolicy = policy;
      return this;
    }

    /**
     * Records {@code eventcore.command.executions} (timer, tags command and outcome) and
     * {@code eventcore.command.attempts} (distribution) here. Default: no metrics, no cost.
     */
    public Builder meterRegistry(MeterRegistry meterRegistry) {
      this.registry = meterRegistry;
      return this;
    }

    /**
     * The state cache's budget in estimated bytes (see {@link StateCacheStats}); 0 turns the cache off. Only
     * states the processor proved cacheable are cached ({@link CommandBinding#stateDependsOnlyOnEvents()},
     * {@link CommandBinding#foldInputs}), and they must be immutable: {@code apply} returns a new state and never changes the one it is given. Default
     * {@value #DEFAULT_CACHE_BYTES} (64 MiB).
     */
    public Builder stateCacheBytes(long bytes) {
      if (bytes < 0) {
        throw new InvalidInputException("state cache budget must be >= 0 bytes, got " + bytes);
      }
      this.cacheBytes = bytes;
      return this;
    }

    /**
     * Estimates a cached state's bytes (the cache adds its own per-entry and per-stream overhead). Default: 256
     * bytes for every state, which fits small records such as an account's; give a better estimate for larger
     * states, or the budget bounds the entry count rather than the memory.
     */
    public Builder stateWeigher(ToLongFunction<Object> weigher) {
      if (weigher == null) {
        throw new InvalidInputException("state weigher must not be null");
      }
      this.stateWeigher = weigher;
      return this;
    }

    /**
     * Whether the first attempt of a command whose state is cached decides on it without reading the store (one
     * round trip: the append's expected versions verify it; after a conflict the next attempt, and before a
     * rejection or an empty decision this one, reads the events after the cached versions). Off: every command reads the events after the cached
     * versions first (two round trips), which wastes fewer appends when other processes write the same streams
     * often. Default true.
     */
    public Builder decideOnCachedState(boolean decide) {
      this.decideOnCachedState = decide;
      return this;
    }

    /**
     * How long a command waits for the commands of this executor that touch one of its streams (they are run
     * one at a time, so threads of one process wait instead of conflicting); after that it runs anyway, guarded
     * by the version checks. Null turns in-process serialization off. Default 5 seconds.
     */
    public Builder streamLockTimeout(Duration timeout) {
      if (timeout != null && timeout.isNegative()) {
        throw new InvalidInputException("stream lock timeout must be >= 0, got " + timeout);
      }
      this.lockTimeout = timeout;
      return this;
    }

    /**
     * Durable snapshots: a state whose record is annotated {@code @Snapshot} (and that depends on the events
     * alone) is written to the store's snapshot table each time its streams' total version passes a multiple of
     * {@code events}, off the hot path; a command whose state is not in the state cache (a cold executor, an
     * evicted entry, another process, or the cache off) starts from the newest snapshot of the state's current
     * {@code @Snapshot(version)} and reads only the events after it. A cold read that finds no usable snapshot on
     * a stream of at least {@code events} events writes one. Only used when the store implements
     * {@link SnapshotStore} (both stores do). 0 turns snapshots off. Default {@value #DEFAULT_SNAPSHOT_EVERY}.
     */
    public Builder snapshotEvery(int events) {
      if (events < 0) {
        throw new InvalidInputException("snapshot interval must be >= 0 events (0 = off), got " + events);
      }
      this.snapshotEvery = events;
      return this;
    }

    /**
     * Where snapshots are encoded and written. Default null: one daemon thread of this executor, started when
     * needed and ended after 30 idle seconds. {@code Runnable::run} writes each on the command's thread after its
     * append returned (never inside it). A failed write is logged at WARN and never fails a command.
     */
    public Builder snapshotWriter(Executor writer) {
      this.snapshotWriter = writer;
      return this;
    }

    public CommandExecutor build() {
      return new CommandExecutor(this);
    }
  }
}

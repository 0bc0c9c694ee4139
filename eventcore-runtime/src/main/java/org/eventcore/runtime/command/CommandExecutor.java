package org.eventcore.runtime.command;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RetryPolicy;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.eventcore.runtime.CommandRejectedException;
import org.eventcore.runtime.ConcurrencyConflictException;
import org.eventcore.runtime.EventMetadata;
import org.eventcore.runtime.InvalidInputException;
import org.eventcore.runtime.SerializationException;
import org.eventcore.runtime.StoredEvent;
import org.eventcore.runtime.StreamId;
import org.eventcore.runtime.UuidV7;
import org.eventcore.runtime.VersionConflictException;
import org.eventcore.runtime.codec.EventCodec;
import org.eventcore.runtime.store.AppendRequest;
import org.eventcore.runtime.store.AppendResult;
import org.eventcore.runtime.store.EventStore;
import org.eventcore.runtime.store.NewEvent;
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
 * <p>Thread-safe; share one executor per store.
 */
public final class CommandExecutor {
  private static final Logger log = LoggerFactory.getLogger(CommandExecutor.class);

  private final EventStore store;
  private final ConflictRetryPolicy retryPolicy;
  private final FailsafeExecutor<ExecutionResult> failsafe;
  private final ExecutorMetrics metrics;

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
    this.retryPolicy = b.retryPolicy;
    // the Micrometer class is only loaded when a registry is given
    this.metrics = b.registry == null ? ExecutorMetrics.NONE : new MicrometerExecutorMetrics(b.registry);
    RetryPolicy<ExecutionResult> policy = RetryPolicy.<ExecutionResult>builder()
        .handle(VersionConflictException.class)
        .withMaxAttempts(retryPolicy.maxAttempts())
        .withBackoff(retryPolicy.initialDelay(), retryPolicy.maxDelay())
        .withJitter(retryPolicy.jitter())
        .build();
    this.failsafe = Failsafe.with(policy);
  }

  /** Starts a builder for an executor on {@code store}. */
  public static Builder builder(EventStore store) {
    return new Builder(store);
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
   * @throws CommandRejectedException when the command's rules reject it; nothing is written
   * @throws ConcurrencyConflictException when every attempt met a version conflict; nothing is written
   * @throws org.eventcore.runtime.StoreException when the store fails
   * @throws SerializationException when a stored event cannot be decoded (naming stream and version) or a new
   *     one cannot be encoded
   * @throws InvalidInputException for a null command, a type without generated binding, a null or empty set
   *     of streams, or an event aimed at a stream the command did not read
   */
  public ExecutionResult execute(Object command, EventMetadata metadata) {
    if (command == null) {
      throw new InvalidInputException("command must not be null");
    }
    EventMetadata md = metadata == null
        ? EventMetadata.builder().correlationId(UuidV7.next()).build()
        : metadata.correlationId() == null ? metadata.toBuilder().correlationId(UuidV7.next()).build() : metadata;
    CommandBinding<?, ?, ?> binding = CommandBindings.of(command.getClass());
    long started = System.nanoTime();
    try {
      // Failsafe numbers the attempts (its execution context); the attempt records the metrics of the last one
      ExecutionResult result =
          failsafe.get(ctx -> measured(binding, command, md, ctx.getAttemptCount() + 1, started));
      if (log.isDebugEnabled()) {
        log.debug("executed {} in {} attempt(s): {} event(s), streams {}", command.getClass().getSimpleName(),
            result.attempts(), result.events().size(), result.streamVersions());
      }
      return result;
    } catch (VersionConflictException e) {
      String name = command.getClass().getSimpleName();
      log.warn("command {} gave up after {} attempts: {}", name, retryPolicy.maxAttempts(), e.getMessage());
      throw new ConcurrencyConflictException(name, retryPolicy.maxAttempts(), e);
    }
  }

  /**
   * One attempt; records the execution's metrics when this attempt is its last: it succeeded, was rejected,
   * failed, or met a version conflict with no attempt left (the retry policy has no other end condition).
   */
  private ExecutionResult measured(
      CommandBinding<?, ?, ?> binding, Object command, EventMetadata md, int attempt, long started) {
    ExecutionResult result;
    try {
      result = attempt(binding, command, md, attempt);
    } catch (VersionConflictException e) {
      if (attempt >= retryPolicy.maxAttempts()) {
        record(command, ExecutorMetrics.Outcome.CONFLICT, attempt, started);
      }
      throw e;
    } catch (CommandRejectedException e) {
      record(command, ExecutorMetrics.Outcome.REJECTED, attempt, started);
      throw e;
    } catch (RuntimeException e) {
      record(command, ExecutorMetrics.Outcome.ERROR, attempt, started);
      throw e;
    }
    record(command, ExecutorMetrics.Outcome.SUCCESS, attempt, started);
    return result;
  }

  private void record(Object command, ExecutorMetrics.Outcome outcome, int attempts, long started) {
    metrics.executed(command.getClass(), outcome, attempts, System.nanoTime() - started);
  }

  @SuppressWarnings("unchecked")
  private <C, S, E> ExecutionResult attempt(
      CommandBinding<C, S, E> binding, Object rawCommand, EventMetadata md, int attempt) {
    C command = (C) rawCommand;
    String name = command.getClass().getSimpleName();
    List<StreamId> declared = binding.streams(command);
    if (declared == null || declared.isEmpty()) {
      throw new InvalidInputException("command " + name + " declares no stream to read; its @Stream components"
          + " (or collections) must name at least one StreamId");
    }
    EventCodec<E> codec = binding.codec();
    Fold<C, S, E> fold = new Fold<>(binding, codec, command, binding.initialState(command));
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

    List<? extends E> decided = binding.handle(command, fold.state);
    if (decided == null) {
      throw new InvalidInputException("command " + name + " returned null from handle; return List.of() to"
          + " write nothing");
    }
    if (decided.isEmpty()) {
      return new ExecutionResult(List.of(), versions, attempt);
    }
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
    AppendResult appended = store.append(new AppendRequest(versions, events));
    Map<StreamId, Long> after = new LinkedHashMap<>(versions);
    after.putAll(appended.streamVersions());
    return new ExecutionResult(new ArrayList<>(decided), after, attempt);
  }

  /** Decodes each stored event and folds it into the state; the consumer handed to the store. */
  private static final class Fold<C, S, E> implements Consumer<StoredEvent> {
    private final CommandBinding<C, S, E> binding;
    private final EventCodec<E> codec;
    private final C command;
    /** Folds one decoded event; a stored row of a split former version gives several. */
    private final Consumer<E> apply = this::apply;
    S state;

    Fold(CommandBinding<C, S, E> binding, EventCodec<E> codec, C command, S initial) {
      this.binding = binding;
      this.codec = codec;
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

  /** Builder for a {@link CommandExecutor}. */
  public static final class Builder {
    private final EventStore store;
    private ConflictRetryPolicy retryPolicy = ConflictRetryPolicy.defaults();
    private MeterRegistry registry;

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

    public CommandExecutor build() {
      return new CommandExecutor(this);
    }
  }
}

package org.eventcore.runtime.projection;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.eventcore.runtime.InvalidInputException;
import org.eventcore.runtime.Position;
import org.eventcore.runtime.ProjectionException;
import org.eventcore.runtime.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds a {@code @Projection} from a {@link ProjectionSource}, in commit-safe global order, from its checkpoint.
 *
 * <ul>
 *   <li>{@link #runOnce()}: takes the lead, catches up to the safe horizon (every page), checkpoints, releases.</li>
 *   <li>{@link #runContinuous()}: waits as standby until it leads, catches up, then follows new events as they
 *       commit, woken by the store after each append and polling as a fallback; returns when {@link #stop()} is
 *       called. If it loses the lead (its session died, another runner was fenced in) it goes back to
 *       standby.</li>
 * </ul>
 *
 * <p>Delivery: with {@code transactional(true)} on PostgreSQL, handlers write through
 * {@link EventEnvelope#transaction()} and the read model commits together with the checkpoint: exactly once.
 * Otherwise the checkpoint is saved after each batch: after a crash, the events of the unfinished batch are
 * delivered again (at least once).
 *
 * <p>Errors: whatever a handler throws goes to the {@link ErrorPolicy}; failures of the store (reads, checkpoint
 * saves, leadership) never do: {@code runOnce} throws them, {@code runContinuous} goes back to standby.
 *
 * <p>The runner registers no JVM shutdown hook unless asked to with {@link #stopOnShutdown()}.
 *
 * <p>This class wires the parts: {@link Lifecycle} (lead, stand by, stop), {@link Pages} (read a page),
 * {@link AtLeastOnceDelivery} or {@link TransactionalDelivery}, {@link ErrorHandling} (the error policy) and
 * {@link RunnerState} (state, counters, wake-ups).
 *
 * @param <P> the projection class
 */
public final class ProjectionRunner<P> implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ProjectionRunner.class);
  private static final Duration STOP_WAIT = Duration.ofSeconds(30);
  private static final Duration SHUTDOWN_STOP_WAIT = Duration.ofSeconds(10);

  /** What the runner is doing. */
  public enum State { NEW, STANDBY, LEADING, STOPPED, FAILED }

  /**
   * A snapshot of the runner.
   *
   * @param name projection name
   * @param state what it is doing
   * @param checkpoint the last position it processed, if any
   * @param eventsProcessed events handled (skipped ones included) since the runner was created
   * @param errors handler failures since the runner was created
   * @param failure the failure that stopped it, if any; kept once it stopped
   * @param since when it entered {@code state}
   * @param reason why it is in {@code state}, when there is something to say: a STANDBY runner backing off from a
   *     store failure says which and when it tries again, a FAILED one names its failure, a STOPPED one says
   *     whether a stop was requested
   */
  public record Status(String name, State state, Optional<Position> checkpoint, long eventsProcessed, long errors,
      Optional<Throwable> failure, java.time.Instant since, Optional<String> reason) {}

  /** The outcome of {@link #runOnce()}: events processed and the checkpoint reached. */
  public record CatchUp(long events, Optional<Position> checkpoint) {}

  private final ProjectionSource source;
  private final String name;
  private final RunnerState state = new RunnerState();
  private final Lifecycle lifecycle;
  private volatile Thread shutdownHook;

  /** A runner with {@link ProjectionOptions#defaults()}. */
  public ProjectionRunner(ProjectionSource source, P projection) {
    this(source, projection, ProjectionOptions.defaults());
  }

  @SuppressWarnings("unchecked")
  public ProjectionRunner(ProjectionSource source, P projection, ProjectionOptions options) {
    if (source == null || projection == null || options == null) {
      throw new InvalidInputException("projection runner needs a source, a projection and options, got "
          + source + ", " + projection + ", " + options);
    }
    this.source = source;
    ProjectionBinding<P> binding = (ProjectionBinding<P>) ProjectionBindings.of(projection.getClass());
    this.name = binding.name();
    Set<String> types = new LinkedHashSet<>(binding.eventTypes());
    if (!options.filter().eventTypes().isEmpty()) {
      types.retainAll(options.filter().eventTypes());
    }
    EventFilter filter = options.filter().withEventTypes(types);
    // the Micrometer class is only loaded when a registry is given
    ProjectionMetrics metrics = options.meterRegistry() == null
        ? ProjectionMetrics.NONE
        : new MicrometerProjectionMetrics(options.meterRegistry(), name);
    ErrorHandling errors = new ErrorHandling(name, options.errorPolicy(), state, metrics);
    Delivery delivery = Delivery.of(options, new Handler<>(projection, binding), errors, state, metrics);
    Pages pages = new Pages(source, filter, options.batchSize(), delivery, state, metrics);
    this.lifecycle = new Lifecycle(name, source, options, pages, state, metrics);
  }

  /** The projection's name (its checkpoint and lock key). */
  public String name() {
    return name;
  }

  public Status status() {
    return state.status(name);
  }

  /**
   * Catches up once: takes the lead (waiting up to {@code leadershipWait}), processes every event up to the safe
   * horizon, saves the checkpoint, releases the lead.
   *
   * @throws StoreException with operation LEADERSHIP when another runner keeps the lead
   * @throws ProjectionException when a handler fails and the error policy says stop
   */
  public CatchUp runOnce() {
    long before = state.processed();
    run(lifecycle::catchUpOnce);
    Position at = state.checkpoint();
    return new CatchUp(state.processed() - before, at == Position.START ? Optional.empty() : Optional.of(at));
  }

  /**
   * Runs until {@link #stop()}, on the calling thread: standby → lead → catch up → follow live.
   *
   * @throws ProjectionException when a handler fails and the error policy says stop
   */
  public void runContinuous() {
    state.loopThread(Thread.currentThread());
    try {
      AutoCloseable subscription = source.onAppend(state::wakeUp);
      try {
        run(lifecycle::follow);
      } finally {
        closeQuietly(subscription);
      }
    } finally {
      state.loopThread(null);
    }
  }

  /** Runs {@link #runContinuous()} on a new daemon thread and returns at once. */
  public ProjectionRunner<P> start() {
    Thread t = new Thread(() -> {
      try {
        runContinuous();
      } catch (RuntimeException e) {
        log.error("projection '{}' stopped: {}", name, e.getMessage(), e);
      }
    }, "eventcore-projection-" + name);
    t.setDaemon(true);
    state.loopThread(t);
    t.start();
    return this;
  }

  /**
   * Registers a JVM shutdown hook that stops this runner (waiting up to 10 s for the event in progress). The
   * library registers none unless asked; {@link #close()} removes it again.
   *
   * @return this runner
   */
  public synchronized ProjectionRunner<P> stopOnShutdown() {
    if (shutdownHook == null) {
      Thread hook = new Thread(() -> stop(SHUTDOWN_STOP_WAIT), "eventcore-projection-shutdown-" + name);
      Runtime.getRuntime().addShutdownHook(hook);
      shutdownHook = hook;
    }
    return this;
  }

  /** Asks the runner to stop after the event in progress, and waits up to 30 s for it. */
  public void stop() {
    stop(STOP_WAIT);
  }

  /** Stops the runner and removes the shutdown hook, if {@link #stopOnShutdown()} registered one. */
  @Override
  public void close() {
    stop();
    removeShutdownHook();
  }

  /**
   * Waits until the runner has seen every event committed before this call (a read started after the call came
   * back empty), or the timeout passes, or the runner stops.
   *
   * @return whether it caught up in time
   */
  public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
    return state.awaitCaughtUp(timeout);
  }

  /** Runs {@code work}; any failure marks the runner FAILED and is rethrown; otherwise it ends STOPPED. */
  private void run(Runnable work) {
    try {
      work.run();
    } catch (RuntimeException | Error e) {
      state.fail(e);
      throw e;
    } finally {
      state.leave();
    }
  }

  /** The one stop: request it, wake the loop, wait up to {@code wait} for the loop thread to end. */
  private void stop(Duration wait) {
    state.requestStop();
    Thread t = state.loopThread();
    if (t != null && t != Thread.currentThread()) {
      try {
        t.join(wait.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private synchronized void removeShutdownHook() {
    Thread hook = shutdownHook;
    if (hook != null && hook != Thread.currentThread()) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running or has run
      }
      shutdownHook = null;
    }
  }

  private void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      log.debug("projection '{}': closing the wake-up subscription failed", name, e);
    }
  }
}

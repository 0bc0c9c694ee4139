package org.eventcore.runtime.projection;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.eventcore.runtime.InvalidInputException;
import org.eventcore.runtime.Position;
import org.eventcore.runtime.ProjectionException;
import org.eventcore.runtime.StoreException;
import org.eventcore.runtime.StoreOperation;
import org.eventcore.runtime.StoredEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds a {@code @Projection} from a {@link ProjectionSource}, in commit-safe global order, from its checkpoint.
 *
 * <ul>
 *   <li>{@link #runOnce()}: takes the lead, catches up to the safe horizon (every page), checkpoints, releases.</li>
 *   <li>{@link #runContinuous()}: waits as standby until it leads, catches up, then follows new events as they
 *       commit, woken by the store after each append and polling as a fallback; returns when {@link #stop()} is
 *       called or the JVM shuts down. If it loses the lead (its session died, another runner was fenced in) it
 *       goes back to standby.</li>
 * </ul>
 *
 * <p>Delivery: with {@code transactional(true)} on PostgreSQL, handlers write through
 * {@link EventEnvelope#transaction()} and the read model commits together with the checkpoint: exactly once.
 * Otherwise the checkpoint is saved after each batch: after a crash, the events of the unfinished batch are
 * delivered again (at least once).
 *
 * @param <P> the projection class
 */
public final class ProjectionRunner<P> implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ProjectionRunner.class);

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
   * @param failure the failure that stopped it, if any
   */
  public record Status(String name, State state, Optional<Position> checkpoint, long eventsProcessed, long errors,
      Optional<Throwable> failure) {}

  /** The outcome of {@link #runOnce()}: events processed and the checkpoint reached. */
  public record CatchUp(long events, Optional<Position> checkpoint) {}

  private final ProjectionSource source;
  private final P projection;
  private final ProjectionBinding<P> binding;
  private final ProjectionOptions options;
  private final EventFilter filter;
  private final ProjectionMetrics metrics;
  private final Semaphore wakeUps = new Semaphore(0);
  private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
  private final AtomicReference<Position> checkpoint = new AtomicReference<>();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final AtomicLong processed = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();
  private final AtomicLong readsStarted = new AtomicLong();
  private final AtomicLong lastEmptyRead = new AtomicLong(-1);
  /** Signalled after every read that came back empty, for {@link #awaitCaughtUp}. */
  private final Object progress = new Object();
  private volatile boolean stopRequested;
  private volatile Thread loopThread;

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
    this.projection = projection;
    this.binding = (ProjectionBinding<P>) ProjectionBindings.of(projection.getClass());
    this.options = options;
    Set<String> types = new LinkedHashSet<>(binding.eventTypes());
    if (!options.filter().eventTypes().isEmpty()) {
      types.retainAll(options.filter().eventTypes());
    }
    this.filter = options.filter().withEventTypes(types);
    this.metrics = ProjectionMetrics.of(options.meterRegistry(), binding.name());
  }

  /** The projection's name (its checkpoint and lock key). */
  public String name() {
    return binding.name();
  }

  public Status status() {
    return new Status(binding.name(), state.get(), Optional.ofNullable(checkpoint.get()), processed.get(),
        errors.get(), Optional.ofNullable(failure.get()));
  }

  /**
   * Catches up once: takes the lead (waiting up to {@code leadershipWait}), processes every event up to the safe
   * horizon, saves the checkpoint, releases the lead.
   *
   * @throws StoreException with operation LEADERSHIP when another runner keeps the lead
   * @throws ProjectionException when a handler fails and the error policy says stop
   */
  public CatchUp runOnce() {
    long before = processed.get();
    Instant deadline = Instant.now().plus(options.leadershipWait());
    Optional<Leadership> lead = source.tryLead(name());
    while (lead.isEmpty()) {
      if (Instant.now().isAfter(deadline)) {
        throw new StoreException(StoreOperation.LEADERSHIP, "projection '" + name() + "' is led by another runner;"
            + " waited " + options.leadershipWait().toMillis() + " ms");
      }
      sleep(options.standbyInterval());
      lead = source.tryLead(name());
    }
    try (Leadership leadership = lead.get()) {
      state.set(State.LEADING);
      Position from = source.checkpoint(name()).orElse(Position.START);
      checkpoint.set(from == Position.START ? null : from);
      while (processPage(leadership)) {
        // next page
      }
      state.set(State.STOPPED);
    } catch (RuntimeException e) {
      fail(e);
      throw e;
    }
    return new CatchUp(processed.get() - before, Optional.ofNullable(checkpoint.get()));
  }

  /**
   * Runs until {@link #stop()} or JVM shutdown, on the calling thread: standby → lead → catch up → follow live.
   *
   * @throws ProjectionException when a handler fails and the error policy says stop
   */
  public void runContinuous() {
    loopThread = Thread.currentThread();
    Thread hook = new Thread(this::stopFromHook, "eventcore-projection-shutdown-" + name());
    Runtime.getRuntime().addShutdownHook(hook);
    AutoCloseable subscription = source.onAppend(wakeUps::release);
    try {
      loop();
    } catch (ProjectionException e) {
      fail(e); // status() reports FAILED with the failure, as after runOnce (health checks read it)
      throw e;
    } catch (Exception e) {
      fail(e);
      throw e instanceof RuntimeException re ? re : new IllegalStateException(e);
    } finally {
      closeQuietly(subscription);
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running or has run
      }
      if (state.get() != State.FAILED) {
        state.set(State.STOPPED);
      }
      loopThread = null;
    }
  }

  /** Runs {@link #runContinuous()} on a new daemon thread and returns at once. */
  public ProjectionRunner<P> start() {
    Thread t = new Thread(() -> {
      try {
        runContinuous();
      } catch (RuntimeException e) {
        log.error("projection '{}' stopped: {}", name(), e.getMessage(), e);
      }
    }, "eventcore-projection-" + name());
    t.setDaemon(true);
    loopThread = t;
    t.start();
    return this;
  }

  /** Asks the runner to stop after the event in progress, and waits up to 30 s for it. */
  public void stop() {
    stopRequested = true;
    wakeUps.release();
    Thread t = loopThread;
    if (t != null && t != Thread.currentThread()) {
      try {
        t.join(30_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public void close() {
    stop();
  }

  /**
   * Waits until the runner has seen every event committed before this call (a read started after the call came
   * back empty), or the timeout passes, or the runner stops.
   *
   * @return whether it caught up in time
   */
  public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
    long target = readsStarted.get();
    long deadline = System.nanoTime() + timeout.toNanos();
    wakeUps.release(); // start a fresh read soon instead of waiting out the poll interval
    synchronized (progress) {
      while (lastEmptyRead.get() <= target) {
        State s = state.get();
        long left = deadline - System.nanoTime();
        if (s == State.FAILED || (s == State.STOPPED && loopThread == null) || left <= 0) {
          return false;
        }
        progress.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 100)));
      }
    }
    return true;
  }

  private void loop() {
    while (!stopRequested) {
      Optional<Leadership> lead;
      try {
        lead = source.tryLead(name());
      } catch (StoreException e) {
        log.warn("projection '{}' could not try for the lead ({}); standing by", name(), e.getMessage());
        lead = Optional.empty();
      }
      if (lead.isEmpty()) {
        state.set(State.STANDBY);
        sleep(options.standbyInterval());
        continue;
      }
      try (Leadership leadership = lead.get()) {
        state.set(State.LEADING);
        metrics.leadershipAcquired();
        log.info("projection '{}' leads (fencing token {})", name(), leadership.fencingToken());
        checkpoint.set(source.checkpoint(name()).orElse(null));
        while (!stopRequested && leadership.isHeld()) {
          wakeUps.drainPermits();
          if (!processPage(leadership)) {
            await(options.pollInterval());
          }
        }
        if (!stopRequested) {
          log.warn("projection '{}' lost its lead (fencing token {}); back to standby", name(),
              leadership.fencingToken());
        }
      } catch (StoreException e) {
        if (stopRequested) {
          return;
        }
        log.warn("projection '{}' lost its lead or its store ({}); back to standby", name(), e.getMessage());
      }
      if (!stopRequested) {
        // a deposed leader waits a standby interval before trying again, so that a standby gets its turn
        state.set(State.STANDBY);
        sleep(options.standbyInterval());
      }
    }
  }

  /** Reads and processes one page; returns whether it was non-empty. */
  private boolean processPage(Leadership leadership) {
    long read = readsStarted.incrementAndGet();
    Position after = Optional.ofNullable(checkpoint.get()).orElse(Position.START);
    List<StoredEvent> page = source.readAll(after, filter, options.batchSize());
    if (page.isEmpty()) {
      lastEmptyRead.set(read);
      synchronized (progress) {
        progress.notifyAll();
      }
      metrics.lag(0, Duration.ZERO);
      return false;
    }
    if (options.transactional()) {
      processTransactional(leadership, page);
    } else {
      Position reached = null;
      for (StoredEvent e : page) {
        if (stopRequested) {
          break;
        }
        if (!handleWithPolicy(e, null)) {
          break;
        }
        reached = e.position();
        checkpoint.set(reached);
      }
      if (reached != null) {
        leadership.saveCheckpoint(reached);
      }
    }
    Position at = checkpoint.get();
    if (at != null && options.meterRegistry() != null) {
      // the horizon costs a query: only asked for when there is a registry to report the lag to
      StoredEvent last = page.get(page.size() - 1);
      metrics.lag(Math.max(0, source.horizon().newest().sequence() - at.sequence()),
          Duration.between(last.recordedAt(), Instant.now()));
    }
    return true;
  }

  /** One transaction for the page; on a handler failure, again event by event so the policy applies to one. */
  private void processTransactional(Leadership leadership, List<StoredEvent> page) {
    Position last = page.get(page.size() - 1).position();
    try {
      leadership.inTransaction(last, tx -> {
        for (StoredEvent e : page) {
          dispatch(e, new EventEnvelope(e, tx));
        }
      });
      processed.addAndGet(page.size());
      metrics.processed(page.size());
      checkpoint.set(last);
    } catch (StoreException | InvalidInputException e) {
      throw e;
    } catch (Exception batchFailure) {
      log.debug("projection '{}' batch failed, re-running it event by event", name(), batchFailure);
      for (StoredEvent e : page) {
        if (stopRequested) {
          return;
        }
        if (!handleWithPolicy(e, leadership)) {
          return;
        }
        checkpoint.set(e.position());
      }
    }
  }

  /**
   * Handles one event under the error policy; in a transaction of its own when {@code leadership} is given.
   * Returns false, leaving the event unhandled (the checkpoint stays before it), when a stop is requested while
   * the event waits for a retry: a graceful stop does not wait out the retries.
   */
  private boolean handleWithPolicy(StoredEvent e, Leadership transactionalLead) {
    ErrorPolicy policy = options.errorPolicy();
    for (int attempt = 1; ; attempt++) {
      try {
        if (transactionalLead == null) {
          dispatch(e, new EventEnvelope(e, null));
        } else {
          transactionalLead.inTransaction(e.position(), tx -> dispatch(e, new EventEnvelope(e, tx)));
        }
        processed.incrementAndGet();
        metrics.processed(1);
        return true;
      } catch (StoreException | InvalidInputException storeProblem) {
        throw storeProblem;
      } catch (Exception handlerFailure) {
        errors.incrementAndGet();
        switch (policy.action()) {
          case SKIP -> {
            metrics.error("skip");
            log.warn("projection '{}' skipped event {} (stream '{}' version {}, position {}): {}", name(),
                e.eventType(), e.streamId(), e.version(), e.position(), handlerFailure.toString(), handlerFailure);
            if (transactionalLead != null) {
              try {
                transactionalLead.inTransaction(e.position(), tx -> { });
              } catch (StoreException s) {
                throw s;
              } catch (Exception impossible) {
                throw new IllegalStateException(impossible);
              }
            }
            processed.incrementAndGet();
            return true;
          }
          case RETRY -> {
            if (attempt < policy.maxAttempts()) {
              if (stopRequested) {
                return false;
              }
              metrics.error("retry");
              log.warn("projection '{}' failed on event {} (stream '{}' version {}), attempt {} of {}: {}", name(),
                  e.eventType(), e.streamId(), e.version(), attempt, policy.maxAttempts(), handlerFailure.toString());
              sleep(policy.delayAfter(attempt));
              if (stopRequested) {
                return false;
              }
              continue;
            }
            metrics.error("stop");
            throw new ProjectionException(name(), e, attempt, handlerFailure);
          }
          default -> {
            metrics.error("stop");
            throw new ProjectionException(name(), e, attempt, handlerFailure);
          }
        }
      }
    }
  }

  private void dispatch(StoredEvent e, EventEnvelope envelope) throws Exception {
    binding.dispatch(projection, e, envelope);
  }

  private void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      log.debug("projection '{}': closing the wake-up subscription failed", name(), e);
    }
  }

  private void fail(Throwable t) {
    failure.set(t);
    state.set(State.FAILED);
  }

  private void stopFromHook() {
    stopRequested = true;
    wakeUps.release();
    Thread t = loopThread;
    if (t != null) {
      try {
        t.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void await(Duration d) {
    try {
      wakeUps.tryAcquire(d.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopRequested = true;
    }
  }

  private void sleep(Duration d) {
    await(d);
  }
}

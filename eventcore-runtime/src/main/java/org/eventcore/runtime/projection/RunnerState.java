package org.eventcore.runtime.projection;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.eventcore.runtime.Position;
import org.eventcore.runtime.projection.ProjectionRunner.State;
import org.eventcore.runtime.projection.ProjectionRunner.Status;

/**
 * What a runner's parts share: its state, checkpoint and counters (read by {@link ProjectionRunner#status()}),
 * the stop request, the wake-ups that cut a wait short, and the bookkeeping behind
 * {@link ProjectionRunner#awaitCaughtUp}. Thread-safe: the loop thread writes, any thread reads.
 */
final class RunnerState {
  private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
  private final AtomicReference<Position> checkpoint = new AtomicReference<>();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  /** When the runner entered its state, and why it is in it (null: nothing to say, e.g. leading). */
  private volatile Instant since = Instant.now();
  private volatile String reason = "not started";
  private final AtomicLong processed = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();
  private final AtomicLong readsStarted = new AtomicLong();
  private final AtomicLong lastEmptyRead = new AtomicLong(-1);
  private final Semaphore wakeUps = new Semaphore(0);
  /** Signalled after every read that came back empty, for {@link #awaitCaughtUp}. */
  private final Object progress = new Object();
  private volatile boolean stopRequested;
  private volatile Thread loopThread;

  Status status(String name) {
    return new Status(name, state.get(), Optional.ofNullable(checkpoint.get()), processed.get(), errors.get(),
        Optional.ofNullable(failure.get()), since, Optional.ofNullable(reason));
  }

  State state() {
    return state.get();
  }

  void enter(State next) {
    enter(next, null);
  }

  /** Enters {@code next} (its time kept when it changes) for {@code why}, shown by the status. */
  void enter(State next, String why) {
    if (state.getAndSet(next) != next) {
      since = Instant.now();
    }
    reason = why;
  }

  /** The runner stopped on {@code t}; {@link #leave()} keeps it FAILED, with {@code t} as its failure and cause. */
  void fail(Throwable t) {
    failure.set(t);
    enter(State.FAILED, "failed: " + t);
  }

  /** The run ended: STOPPED (a stop was requested, or a run-once finished) unless it failed. */
  void leave() {
    if (state.get() != State.FAILED) {
      enter(State.STOPPED, stopRequested ? "stopped on request" : "run finished");
    }
  }

  /** The last position processed, or {@link Position#START}. */
  Position checkpoint() {
    Position at = checkpoint.get();
    return at == null ? Position.START : at;
  }

  void checkpoint(Position position) {
    checkpoint.set(position == Position.START ? null : position);
  }

  long processed() {
    return processed.get();
  }

  void handled(long events) {
    processed.addAndGet(events);
  }

  void handlerFailed() {
    errors.incrementAndGet();
  }

  /** Numbers a read about to start, for {@link #emptyRead}. */
  long startRead() {
    return readsStarted.incrementAndGet();
  }

  /** Read number {@code read} came back empty: everything committed before it started has been seen. */
  void emptyRead(long read) {
    lastEmptyRead.set(read);
    synchronized (progress) {
      progress.notifyAll();
    }
  }

  /**
   * Waits until a read started after this call comes back empty, the timeout passes, or the runner stops.
   *
   * @return whether it caught up in time
   */
  boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
    long target = readsStarted.get();
    long deadline = System.nanoTime() + timeout.toNanos();
    wakeUp(); // start a fresh read soon instead of waiting out the poll interval
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

  boolean stopRequested() {
    return stopRequested;
  }

  void requestStop() {
    stopRequested = true;
    wakeUp();
  }

  /** Cuts the current {@link #pause} short (an append committed, a stop was asked for, a caller waits). */
  void wakeUp() {
    wakeUps.release();
  }

  void drainWakeUps() {
    wakeUps.drainPermits();
  }

  /** Waits up to {@code d}, less when woken up; an interrupt requests a stop. */
  void pause(Duration d) {
    try {
      wakeUps.tryAcquire(d.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopRequested = true;
    }
  }

  Thread loopThread() {
    return loopThread;
  }

  void loopThread(Thread t) {
    loopThread = t;
  }
}

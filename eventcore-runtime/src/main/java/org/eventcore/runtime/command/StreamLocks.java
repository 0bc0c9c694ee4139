package org.eventcore.runtime.command;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.eventcore.runtime.StreamId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serializes the commands of one executor that touch the same stream: a fixed set of striped locks, taken in
 * ascending stripe order (so two commands can never wait for each other in a cycle), each wait bounded. A wait
 * that times out releases what it took and lets the command run unlocked: optimistic concurrency (the append's
 * expected versions) still keeps it correct, as it does against other processes.
 */
final class StreamLocks {
  private static final Logger log = LoggerFactory.getLogger(CommandExecutor.class);
  static final int STRIPES = 1024;

  private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];
  private final long timeoutNanos;

  StreamLocks(Duration timeout) {
    for (int i = 0; i < STRIPES; i++) {
      stripes[i] = new ReentrantLock();
    }
    this.timeoutNanos = timeout.toNanos();
  }

  /** The locks held by one attempt; close releases them. */
  interface Held extends AutoCloseable {
    @Override
    void close();
  }

  /** Holds nothing. */
  static final Held NONE = () -> {};

  /** Takes the locks of {@code streams} (bounded waits), or none when a wait times out or is interrupted. */
  Held acquire(List<StreamId> streams) {
    int[] order = new int[streams.size()];
    for (int i = 0; i < order.length; i++) {
      int h = streams.get(i).hashCode();
      order[i] = (h ^ (h >>> 16)) & (STRIPES - 1);
    }
    Arrays.sort(order);
    int distinct = 0;
    for (int i = 0; i < order.length; i++) {
      if (i == 0 || order[i] != order[i - 1]) {
        order[distinct++] = order[i];
      }
    }
    long deadline = System.nanoTime() + timeoutNanos;
    for (int taken = 0; taken < distinct; taken++) {
      boolean locked;
      try {
        locked = stripes[order[taken]].tryLock(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        locked = false;
      }
      if (!locked) {
        release(order, taken);
        log.debug("stream locks of {} not taken within {} ms; running unlocked (version checks still apply)",
            streams, TimeUnit.NANOSECONDS.toMillis(timeoutNanos));
        return NONE;
      }
    }
    int count = distinct;
    return () -> release(order, count);
  }

  private void release(int[] order, int count) {
    for (int i = count - 1; i >= 0; i--) {
      stripes[order[i]].unlock();
    }
  }
}

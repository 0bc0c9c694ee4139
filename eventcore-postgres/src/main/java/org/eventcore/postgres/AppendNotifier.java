package org.eventcore.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the runners of appends after they commit, outside every writing transaction: one background thread per
 * store that, after each append the store reports, calls the store's own {@code onAppend} listeners (no database
 * involved) and, at most once per {@link PostgresConfig#notifyInterval()}, sends one {@code pg_notify} on the
 * schema's channel for the listeners of other processes (or other stores on the schema).
 *
 * <p>Why not in the append transaction: PostgreSQL takes one instance-wide lock at the commit of every transaction
 * with a pending notification and holds it through that commit's WAL flush, so such commits are serialized across
 * the whole server (group commit is lost). Here the append's caller only sets a flag; the NOTIFY is an autocommit
 * {@code SELECT} on a pooled connection in a transaction of its own, with {@code synchronous_commit} off for that
 * transaction only (a lost notification costs nothing, see below), so it holds that lock briefly and at most once
 * per interval. Its statement times out after {@value #NOTIFY_TIMEOUT_SECONDS} s.
 *
 * <p>Coalescing: the first append after a quiet interval is notified at once; appends within the interval after a
 * notification are covered by one notification at its end. A notification carries the store's token as payload,
 * so that the store's own {@link AppendListener} ignores it (its runners were already woken directly).
 *
 * <p>A wake-up, never a delivery: runners poll {@code readAll}, which stays the source of truth, so a notification
 * that is lost (failed, timed out, sent while a listener reconnects) delays a remote runner by at most its poll
 * interval. The thread starts with the first append and stops on {@link #close()}, after sending a notification
 * still due.
 */
final class AppendNotifier implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PostgresEventStore.class);
  /** Bounds the NOTIFY statement (JDBC query timeout). */
  static final int NOTIFY_TIMEOUT_SECONDS = 2;
  /** How long the idle thread parks before re-checking {@link #closed}. */
  private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

  private final String channel;
  private final String token;
  private final Connections connections;
  private final AppendListener local;
  /** 0 = never notify other processes. */
  private final long intervalNanos;
  /**
   * One notification, in a transaction of its own that does not wait for its WAL flush (the setting is local to
   * that transaction). Parameters: channel, payload (the store's token).
   */
  private static final String NOTIFY = "SELECT set_config('synchronous_commit', 'off', true), pg_notify(?, ?)";
  private final AtomicBoolean pending = new AtomicBoolean();
  private volatile boolean closed;
  private volatile Thread thread;
  private long failures;

  AppendNotifier(String channel, String token, Connections connections, AppendListener local,
      Duration interval) {
    this.channel = channel;
    this.token = token;
    this.connections = connections;
    this.local = local;
    this.intervalNanos = interval.toNanos();
  }

  /** Called by the store after a successful append; never blocks (a flag, and an unpark of the thread). */
  void appended() {
    if (closed || pending.get() || pending.getAndSet(true)) {
      return;
    }
    Thread t = thread;
    if (t == null) {
      t = start();
    }
    if (t != null) {
      LockSupport.unpark(t);
    }
  }

  private synchronized Thread start() {
    if (thread == null && !closed) {
      Thread t = new Thread(this::run, "eventcore-notify-" + channel);
      t.setDaemon(true);
      thread = t;
      t.start();
    }
    return thread;
  }

  private void run() {
    boolean due = false;
    long next = System.nanoTime();
    while (!closed) {
      if (pending.getAndSet(false)) {
        local.wakeLocal();
        due = intervalNanos > 0;
      }
      long now = System.nanoTime();
      if (due && now - next >= 0) {
        sendNotify();
        due = false;
        next = System.nanoTime() + intervalNanos;
        continue;
      }
      if (!pending.get()) {
        LockSupport.parkNanos(this, due ? next - now : IDLE_PARK_NANOS);
      }
    }
    if (intervalNanos > 0 && (due || pending.get())) {
      sendNotify();
    }
  }

  private void sendNotify() {
    try (Connection c = connections.borrow(); PreparedStatement ps = c.prepareStatement(NOTIFY)) {
      ps.setQueryTimeout(NOTIFY_TIMEOUT_SECONDS);
      ps.setString(1, channel);
      ps.setString(2, token);
      ps.execute();
      if (!c.getAutoCommit()) {
        c.commit(); // an application DataSource handing out connections outside autocommit
      }
      if (failures > 0) {
        log.info("notifying appends on channel {} works again after {} failure(s)", channel, failures);
        failures = 0;
      }
    } catch (SQLException | RuntimeException e) {
      // polling covers it; warn once per run of failures, not per interval
      if (failures++ == 0) {
        log.warn("could not notify other processes of appends on channel {} ({}); their runners poll meanwhile",
            channel, e.getMessage());
      } else {
        log.debug("notify on channel {} failed again: {}", channel, e.getMessage());
      }
    }
  }

  /** Stops the thread (after a notification still due), waiting at most for one NOTIFY statement. */
  @Override
  public void close() {
    Thread t;
    synchronized (this) {
      closed = true;
      t = thread;
    }
    if (t != null) {
      LockSupport.unpark(t);
      try {
        t.join(TimeUnit.SECONDS.toMillis(NOTIFY_TIMEOUT_SECONDS + 1L));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}

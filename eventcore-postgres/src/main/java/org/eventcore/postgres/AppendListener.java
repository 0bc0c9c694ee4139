package org.eventcore.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's {@code onAppend} listeners, and one thread per store that LISTENs on the schema's channel over a
 * dedicated connection and calls them when another store (another process, or another store on the same schema)
 * notifies appends (see {@link AppendNotifier}: after commit, coalesced). Notifications carrying this store's own
 * token are ignored: its {@link AppendNotifier} calls {@link #wakeLocal()} directly after each append. Started
 * with the first listener, reconnects with a backoff from 100 ms to 5 s when the connection fails, and wakes every
 * listener after a reconnection, since notifications sent meanwhile are lost. A connection quiet for 5 s is
 * checked ({@link Connection#isValid}, 2 s), so a peer that stopped answering (no FIN, no RST; TCP keepalive alone
 * takes hours) is found within about 7 s and the listener reconnects. Stopped by {@link #close()}.
 */
final class AppendListener implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PostgresEventStore.class);
  private static final int WAIT_MILLIS = 500;
  /** How often a quiet connection is checked, and how long the check may take: a dead peer is found in ~7 s. */
  private static final long CHECK_INTERVAL_NANOS = 5_000_000_000L;
  private static final int CHECK_TIMEOUT_SECONDS = 2;

  /** Opens the dedicated connection. */
  interface Connector {
    Connection open() throws SQLException;
  }

  private final String channel;
  private final String token;
  private final Connector connector;
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private final java.util.concurrent.CountDownLatch listening = new java.util.concurrent.CountDownLatch(1);
  private final long startTimeoutMillis;
  private volatile boolean closed;
  private Thread thread;

  /** {@code token}: the payload of this store's own notifications, which it ignores. */
  AppendListener(String channel, String token, Connector connector, long startTimeoutMillis) {
    this.channel = channel;
    this.token = token;
    this.connector = connector;
    this.startTimeoutMillis = startTimeoutMillis;
  }

  /**
   * Registers the listener; the first registration starts the thread and waits (up to the start timeout) until it
   * listens, so that an append committed after this returns wakes the listener. If it cannot listen in time,
   * readers still poll.
   */
  AutoCloseable add(Runnable listener) {
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("the store is closed");
      }
      listeners.add(listener);
      if (thread == null) {
        thread = new Thread(this::run, "eventcore-listen-" + channel);
        thread.setDaemon(true);
        thread.start();
      }
    }
    try {
      if (!listening.await(startTimeoutMillis, java.util.concurrent.TimeUnit.MILLISECONDS)) {
        log.warn("not yet listening for appends on channel {} after {} ms; relying on polling meanwhile", channel,
            startTimeoutMillis);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return () -> listeners.remove(listener);
  }

  private void run() {
    long backoff = 100;
    boolean reconnected = false;
    while (!closed) {
      try (Connection c = connector.open()) {
        try (Statement st = c.createStatement()) {
          st.execute("LISTEN \"" + channel + "\"");
        }
        PGConnection pg = c.unwrap(PGConnection.class);
        listening.countDown();
        backoff = 100;
        if (reconnected) {
          log.info("listening again for appends on channel {}", channel);
          fire();
        }
        long lastHeard = System.nanoTime();
        while (!closed) {
          PGNotification[] received = pg.getNotifications(WAIT_MILLIS);
          if (received != null && fromOthers(received)) {
            fire();
            lastHeard = System.nanoTime();
          } else if (System.nanoTime() - lastHeard > CHECK_INTERVAL_NANOS) {
            if (!c.isValid(CHECK_TIMEOUT_SECONDS)) {
              throw new SQLException("the LISTEN connection did not answer a check within " + CHECK_TIMEOUT_SECONDS
                  + " s", "08006");
            }
            lastHeard = System.nanoTime();
          }
        }
      } catch (SQLException | RuntimeException e) {
        if (closed) {
          return;
        }
        log.warn("listening for appends on channel {} failed ({}); reconnecting in {} ms", channel, e.getMessage(),
            backoff);
        reconnected = true;
        try {
          Thread.sleep(backoff);
        } catch (InterruptedException interrupted) {
          return;
        }
        backoff = Math.min(backoff * 2, 5_000);
      }
    }
  }

  private boolean fromOthers(PGNotification[] received) {
    for (PGNotification n : received) {
      if (!token.equals(n.getParameter())) {
        return true;
      }
    }
    return false;
  }

  /** Calls every listener now, on the calling thread: this store appended. */
  void wakeLocal() {
    fire();
  }

  private void fire() {
    for (Runnable listener : listeners) {
      try {
        listener.run();
      } catch (RuntimeException e) {
        log.warn("an append listener failed: {}", e.toString());
      }
    }
  }

  @Override
  public void close() {
    Thread t;
    synchronized (this) {
      closed = true;
      t = thread;
    }
    if (t != null) {
      try {
        t.join(WAIT_MILLIS * 4L);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}

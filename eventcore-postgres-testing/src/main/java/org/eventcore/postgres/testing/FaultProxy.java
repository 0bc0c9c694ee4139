package org.eventcore.postgres.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback TCP proxy in front of the test server that injects network faults:
 * <ul>
 *   <li>{@link #dropAnswerTo}: the next client message containing a marker goes through to the server, the
 *       server's answer is swallowed and the connection cut: the statement ran (and, in autocommit, committed)
 *       but the client never hears so (a lost COMMIT acknowledgement);</li>
 *   <li>{@link #stall()} / {@link #resume()}: nothing is forwarded in either direction, on open and new
 *       connections, and no FIN or RST is sent: a server (or network) that stops answering;</li>
 *   <li>{@link #cutAll()}: every open connection is closed at once;</li>
 *   <li>{@link #refuseFor}: a timed outage: open connections are cut and new ones are closed on arrival until the
 *       time is up.</li>
 * </ul>
 * Threads are daemons and stop with {@link #close()}.
 */
public final class FaultProxy implements AutoCloseable {
  private static final Pattern JDBC = Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/(.*)");

  private final ServerSocket listener;
  private final String targetHost;
  private final int targetPort;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final Set<Socket> deadSockets = ConcurrentHashMap.newKeySet();
  private final AtomicInteger armed = new AtomicInteger();
  private volatile Runnable afterDrop = () -> {};
  private final AtomicInteger dropped = new AtomicInteger();
  private final AtomicInteger accepted = new AtomicInteger();
  private final AtomicInteger cut = new AtomicInteger();
  private final Object stallLock = new Object();
  private volatile boolean stalled;
  private volatile long refuseUntilNanos;
  private volatile byte[] marker = new byte[0];

  public FaultProxy(String targetHost, int targetPort) throws IOException {
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::acceptLoop, "fault-proxy");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** A proxy in front of the server of {@code jdbcUrl} ({@code jdbc:postgresql://host:port/db}). */
  public static FaultProxy inFrontOf(String jdbcUrl) throws IOException {
    Matcher m = JDBC.matcher(jdbcUrl);
    if (!m.matches()) {
      throw new IllegalArgumentException("test server URL " + jdbcUrl + " has no host and port");
    }
    return new FaultProxy(m.group(1), Integer.parseInt(m.group(2)));
  }

  /** {@code jdbcUrl} pointed at this proxy instead of the server. */
  public String route(String jdbcUrl) {
    Matcher m = JDBC.matcher(jdbcUrl);
    if (!m.matches()) {
      throw new IllegalArgumentException("test server URL " + jdbcUrl + " has no host and port");
    }
    return "jdbc:postgresql://127.0.0.1:" + port() + "/" + m.group(3);
  }

  public int port() {
    return listener.getLocalPort();
  }

  /** The next client message containing {@code text} is delivered, its answer dropped and the connection cut. */
  public void dropAnswerTo(String text) {
    dropAnswersTo(text, 1);
  }

  /** As {@link #dropAnswerTo}, for the next {@code times} such messages (on any connection). */
  public void dropAnswersTo(String text, int times) {
    marker = text.getBytes(StandardCharsets.UTF_8);
    armed.set(times);
  }

  /** Runs {@code action} after each dropped answer, once its connection is cut (e.g. to start an outage). */
  public void afterDrop(Runnable action) {
    afterDrop = action;
  }

  /** How many answers were dropped so far. */
  public int dropped() {
    return dropped.get();
  }

  /** How many client connections were accepted so far (refused ones included). */
  public int accepted() {
    return accepted.get();
  }

  /** How many connections the proxy cut so far (dropped answers, {@link #cutAll}, outages). */
  public int cut() {
    return cut.get();
  }

  /** From now on nothing is forwarded and nothing is closed: the peer looks alive but never answers. */
  public void stall() {
    stalled = true;
  }

  /**
   * Stalls only the connections open now, for good: they look alive but never answer again, while new
   * connections work (a peer that died without FIN or RST behind a middlebox).
   */
  public void stallOpenConnections() {
    deadSockets.addAll(open);
  }

  /** Forwards again what was held back, as a healed network would. */
  public void resume() {
    synchronized (stallLock) {
      stalled = false;
      stallLock.notifyAll();
    }
  }

  /** Closes every open connection. */
  public void cutAll() {
    for (Socket s : open) {
      closeQuietly(s);
      cut.incrementAndGet();
    }
  }

  /** Cuts every open connection and closes new ones on arrival for {@code outage}. */
  public void refuseFor(Duration outage) {
    refuseUntilNanos = System.nanoTime() + outage.toNanos();
    cutAll();
  }

  private boolean refusing() {
    return System.nanoTime() - refuseUntilNanos < 0;
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      Socket client;
      try {
        client = listener.accept();
      } catch (IOException e) {
        return; // closed
      }
      accepted.incrementAndGet();
      if (refusing()) {
        closeQuietly(client);
        cut.incrementAndGet();
        continue;
      }
      try {
        Socket server = new Socket(targetHost, targetPort);
        open.add(client);
        open.add(server);
        AtomicBoolean dropNextAnswer = new AtomicBoolean();
        pump(client, server, true, dropNextAnswer);
        pump(server, client, false, dropNextAnswer);
      } catch (IOException e) {
        closeQuietly(client);
      }
    }
  }

  private void pump(Socket from, Socket to, boolean clientToServer, AtomicBoolean dropNextAnswer) {
    Thread t = new Thread(() -> {
      byte[] buffer = new byte[65536];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        int n;
        while ((n = in.read(buffer)) >= 0) {
          awaitNotStalled();
          if (deadSockets.contains(from)) {
            continue; // swallowed: the peer never hears it
          }
          if (clientToServer) {
            if (armed.get() > 0 && contains(buffer, n, marker) && armed.getAndUpdate(k -> Math.max(0, k - 1)) > 0) {
              dropNextAnswer.set(true);
            }
          } else if (dropNextAnswer.get()) {
            dropped.incrementAndGet();
            cut.incrementAndGet();
            Thread.sleep(200); // let the server finish its COMMIT and answer; the answer is never forwarded
            closeQuietly(from);
            closeQuietly(to);
            afterDrop.run();
            return;
          }
          out.write(buffer, 0, n);
          out.flush();
        }
      } catch (IOException | InterruptedException e) {
        // connection closed
      } finally {
        closeQuietly(from);
        closeQuietly(to);
      }
    }, "fault-proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  private void awaitNotStalled() throws InterruptedException {
    synchronized (stallLock) {
      while (stalled && !listener.isClosed()) {
        stallLock.wait(100);
      }
    }
  }

  private void closeQuietly(Socket s) {
    open.remove(s);
    try {
      s.close();
    } catch (IOException ignored) {
      // closing
    }
  }

  private static boolean contains(byte[] buffer, int length, byte[] marker) {
    outer:
    for (int i = 0; i + marker.length <= length; i++) {
      for (int j = 0; j < marker.length; j++) {
        if (buffer[i + j] != marker[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  @Override
  public void close() throws IOException {
    listener.close();
    resume();
    for (Socket s : open) {
      closeQuietly(s);
    }
  }
}

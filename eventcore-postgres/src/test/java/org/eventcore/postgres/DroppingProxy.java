package org.eventcore.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP proxy in front of the test server that, once armed, lets the next client message containing a
 * marker through to the server, swallows the server's answer and cuts the connection: the statement ran (and, in
 * autocommit, committed) but the client never hears so. Simulates a COMMIT acknowledgement lost on the network.
 */
final class DroppingProxy implements AutoCloseable {
  private final ServerSocket listener;
  private final String targetHost;
  private final int targetPort;
  private final AtomicBoolean armed = new AtomicBoolean();
  private final AtomicInteger dropped = new AtomicInteger();
  private volatile byte[] marker = new byte[0];

  DroppingProxy(String targetHost, int targetPort) throws IOException {
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::acceptLoop, "dropping-proxy");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return listener.getLocalPort();
  }

  /** The next client message containing {@code text} is delivered, its answer dropped and the connection cut. */
  void dropAnswerTo(String text) {
    marker = text.getBytes(StandardCharsets.UTF_8);
    armed.set(true);
  }

  /** How many answers were dropped so far. */
  int dropped() {
    return dropped.get();
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        Socket server = new Socket(targetHost, targetPort);
        AtomicBoolean dropNextAnswer = new AtomicBoolean();
        pump(client, server, true, dropNextAnswer);
        pump(server, client, false, dropNextAnswer);
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void pump(Socket from, Socket to, boolean clientToServer, AtomicBoolean dropNextAnswer) {
    Thread t = new Thread(() -> {
      byte[] buffer = new byte[65536];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        int n;
        while ((n = in.read(buffer)) >= 0) {
          if (clientToServer) {
            if (armed.get() && contains(buffer, n, marker) && armed.compareAndSet(true, false)) {
              dropNextAnswer.set(true);
            }
            out.write(buffer, 0, n);
            out.flush();
          } else if (dropNextAnswer.get()) {
            dropped.incrementAndGet();
            Thread.sleep(200); // let the server finish its COMMIT and answer; the answer is never forwarded
            from.close();
            to.close();
            return;
          } else {
            out.write(buffer, 0, n);
            out.flush();
          }
        }
      } catch (IOException | InterruptedException e) {
        // connection closed
      } finally {
        try {
          from.close();
          to.close();
        } catch (IOException ignored) {
          // closing
        }
      }
    }, "dropping-proxy-pump");
    t.setDaemon(true);
    t.start();
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
  }
}

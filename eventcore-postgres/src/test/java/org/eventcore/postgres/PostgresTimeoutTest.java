package org.eventcore.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.eventcore.postgres.PgTestSupport.append;
import static org.eventcore.postgres.PgTestSupport.event;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eventcore.postgres.testing.FaultProxy;
import org.eventcore.postgres.testing.PostgresTestDatabase;
import org.eventcore.runtime.StoreException;
import org.eventcore.runtime.StoreOperation;
import org.eventcore.runtime.StreamId;
import org.junit.jupiter.api.Test;

/**
 * Every blocking call ends within its bound: a port that accepts TCP but never answers, a server that stops
 * answering in the middle of a command. The waits below are bounds for a hanging call (the test fails instead
 * of hanging), never timing assertions.
 */
class PostgresTimeoutTest {

  /** Accepts connections and never reads or answers: a wedged server or a black-holing middlebox. */
  private static final class SilentPort implements AutoCloseable {
    final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    final List<Socket> held = new ArrayList<>();

    SilentPort() throws IOException {
      Thread t = new Thread(() -> {
        try {
          while (true) {
            Socket s = socket.accept();
            synchronized (held) {
              held.add(s);
            }
          }
        } catch (IOException closed) {
          // stop
        }
      }, "silent-port");
      t.setDaemon(true);
      t.start();
    }

    @Override
    public void close() throws IOException {
      socket.close();
      synchronized (held) {
        for (Socket s : held) {
          s.close();
        }
      }
    }
  }

  @Test
  void constructorFailsWithinItsBoundWhenThePortAcceptsButNeverAnswers() throws Exception {
    try (SilentPort port = new SilentPort()) {
      PostgresConfig config = PostgresConfig.builder()
          .url("postgres://app:pw@127.0.0.1:" + port.socket.getLocalPort() + "/db")
          .acquireTimeout(Duration.ofSeconds(1)).connectTimeout(Duration.ofSeconds(1))
          .loginTimeout(Duration.ofSeconds(1)).socketTimeout(Duration.ofSeconds(2))
          .statementTimeout(Duration.ofSeconds(1)).build();
      CompletableFuture<PostgresEventStore> opening = CompletableFuture.supplyAsync(() -> new PostgresEventStore(config));
      // bound: acquire timeout + login timeout + HikariCP's 1 s pause between attempts, with a wide margin
      assertThatThrownBy(() -> opening.get(30, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .cause().isInstanceOfSatisfying(StoreException.class,
              e -> assertThat(e.operation()).isEqualTo(StoreOperation.CONNECT))
          .hasMessageContaining("within 1000 ms");
    }
  }

  @Test
  void appendFailsWithinTheSocketBoundWhenTheServerStopsAnswering() throws Exception {
    PostgresConfig base = PostgresTestDatabase.newSchema("stall").build();
    try (FaultProxy proxy = FaultProxy.inFrontOf(base.url());
        PostgresEventStore store = new PostgresEventStore(base.toBuilder().url(proxy.route(base.url()))
            .maxRetries(1).acquireTimeout(Duration.ofSeconds(1)).connectTimeout(Duration.ofSeconds(1))
            .loginTimeout(Duration.ofSeconds(1)).socketTimeout(Duration.ofSeconds(2))
            .statementTimeout(Duration.ofSeconds(1)).build())) {
      store.initialize();
      StreamId s = StreamId.of("stalled-" + UUID.randomUUID());
      store.append(append(Map.of(s, 0L), event(s, 1)));
      proxy.stall();
      CompletableFuture<?> appending = CompletableFuture.supplyAsync(
          () -> store.append(append(Map.of(s, 1L), event(s, 2))));
      assertThatThrownBy(() -> appending.get(30, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .cause().isInstanceOf(StoreException.class)
          .satisfies(e -> {
            java.io.StringWriter trace = new java.io.StringWriter();
            e.printStackTrace(new java.io.PrintWriter(trace));
            // the last attempt names the limit that ended it: the socket timeout, or the pool's acquire timeout
            // when no new connection could be made through the silent network
            assertThat(trace.toString()).containsAnyOf("the server did not answer within socketTimeout 2000 ms",
                "acquire timeout 1000 ms");
          });
      proxy.resume();
    }
  }

  @Test
  void statementRunningLongerThanTheStatementTimeoutIsCancelledAndNamesTheLimit() throws Exception {
    try (PostgresEventStore store = PgTestSupport.newStore("stmt", b -> b.statementTimeout(Duration.ofSeconds(1))
        .socketTimeout(Duration.ofSeconds(5)))) {
      StreamId s = StreamId.of("slow-" + UUID.randomUUID());
      String schema = store.toString().replaceAll(".*schema=([^,\\]]+).*", "$1");
      try (Gate gate = new Gate(schema)) { // holds the append past its statement timeout
        assertThatThrownBy(() -> store.append(append(Map.of(s, 0L), event(s, 1))))
            .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.operation()).isEqualTo(StoreOperation.APPEND))
            .hasMessageContaining("SQLSTATE 57014")
            .hasMessageContaining("statementTimeout 1000 ms");
        gate.open();
      }
      assertThat(PgTestSupport.readAll(store, s)).isEmpty();
    }
  }
}

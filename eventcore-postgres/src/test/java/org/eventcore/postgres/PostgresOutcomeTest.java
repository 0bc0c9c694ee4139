package org.eventcore.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.eventcore.postgres.PgTestSupport.append;
import static org.eventcore.postgres.PgTestSupport.event;
import static org.eventcore.postgres.PgTestSupport.queryLong;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.eventcore.postgres.testing.FaultProxy;
import org.eventcore.postgres.testing.PostgresTestDatabase;
import org.eventcore.runtime.AppendOutcomeUnknownException;
import org.eventcore.runtime.StoreException;
import org.eventcore.runtime.StreamId;
import org.eventcore.runtime.store.AppendRequest;
import org.eventcore.runtime.store.AppendResult;
import org.eventcore.runtime.store.NewEvent;
import org.junit.jupiter.api.Test;

/**
 * An append whose acknowledgement is lost on every attempt: the store finds out on a fresh connection whether it
 * committed, and says so; when it cannot tell, it throws {@link AppendOutcomeUnknownException} with the event ids.
 */
class PostgresOutcomeTest {

  private interface ProxiedStoreTest {
    void run(FaultProxy proxy, PostgresEventStore store, PostgresConfig base) throws Exception;
  }

  private static void withProxiedStore(String prefix, UnaryOperator<PostgresConfig.Builder> customize,
      ProxiedStoreTest test) throws Exception {
    PostgresConfig base = PostgresTestDatabase.newSchema(prefix).build();
    try (FaultProxy proxy = FaultProxy.inFrontOf(base.url());
        PostgresEventStore store = new PostgresEventStore(customize.apply(base.toBuilder()
            .url(proxy.route(base.url())).maxRetries(2).retryInitialDelay(Duration.ofMillis(10))
            .retryMaxDelay(Duration.ofMillis(20)).acquireTimeout(Duration.ofSeconds(1))
            .connectTimeout(Duration.ofSeconds(1)).loginTimeout(Duration.ofSeconds(1))
            .socketTimeout(Duration.ofSeconds(3)).statementTimeout(Duration.ofSeconds(2))).build())) {
      store.initialize();
      test.run(proxy, store, base);
    }
  }

  private static long stored(PostgresConfig base, StreamId s) {
    return queryLong("SELECT count(*) FROM \"" + base.schema() + "\".events WHERE stream_id = ?", s.value());
  }

  @Test
  void appendWhoseAnswerIsLostOnEveryAttemptIsFoundCommittedAndReturnsItsVersions() throws Exception {
    withProxiedStore("allacks", b -> b, (proxy, store, base) -> {
      StreamId s = StreamId.of("lost-all-" + UUID.randomUUID());
      StreamId readOnly = StreamId.of("lost-all-ro-" + UUID.randomUUID());
      store.append(append(Map.of(s, 0L), event(s, 1)));
      proxy.dropAnswersTo("eventcore_append", 3); // the first attempt and both retries

      AppendResult result = store.append(append(Map.of(s, 1L, readOnly, 0L), event(s, 2), event(s, 3)));

      assertThat(proxy.dropped()).isEqualTo(3);
      assertThat(result.streamVersions()).containsEntry(s, 3L).containsEntry(readOnly, 0L);
      assertThat(stored(base, s)).isEqualTo(3);
    });
  }

  @Test
  void appendWhoseOutcomeCannotBeCheckedIsAnAppendOutcomeUnknownExceptionWithTheEventIds() throws Exception {
    withProxiedStore("unknown", b -> b, (proxy, store, base) -> {
      StreamId s = StreamId.of("unknown-" + UUID.randomUUID());
      store.append(append(Map.of(s, 0L), event(s, 1)));
      proxy.dropAnswersTo("eventcore_append", 3);
      proxy.afterDrop(() -> {
        if (proxy.dropped() == 3) {
          proxy.refuseFor(Duration.ofSeconds(8)); // the database "goes away" before the check can run
        }
      });
      NewEvent e2 = event(s, 2);
      NewEvent e3 = event(s, 3);
      AppendRequest request = append(Map.of(s, 1L), e2, e3);

      assertThatThrownBy(() -> store.append(request))
          .isInstanceOfSatisfying(AppendOutcomeUnknownException.class, e -> {
            assertThat(e.eventIds()).containsExactly(e2.eventId(), e3.eventId());
            assertThat(e.streams()).containsExactly(s);
          })
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("the outcome is unknown")
          .hasMessageContaining("do not re-execute the command");
      // it did commit; retrying the same append once the database is back writes nothing twice
      assertThat(stored(base, s)).isEqualTo(3);
    });
  }

  @Test
  void appendWhoseConnectionWasCutBeforeItCommittedIsFencedAndReportedAsNotWritten() throws Exception {
    withProxiedStore("notwritten", b -> b.maxRetries(0), (proxy, store, base) -> {
      StreamId s = StreamId.of("cut-" + UUID.randomUUID());
      store.append(append(Map.of(s, 0L), event(s, 1)));
      try (Gate gate = new Gate(base.schema())) {
        // the append waits at the gate, uncommitted, on a live backend; then its connection is cut
        java.util.concurrent.CompletableFuture<AppendResult> appending =
            java.util.concurrent.CompletableFuture.supplyAsync(() -> store.append(append(Map.of(s, 1L), event(s, 2))));
        Gate.await("the append to wait at the gate", () -> Gate.pidsAtGate().size() == 1);
        String backend = Gate.pidsAtGate().get(0);
        proxy.cutAll();
        assertThatThrownBy(() -> appending.get(30, java.util.concurrent.TimeUnit.SECONDS))
            .cause().isExactlyInstanceOf(StoreException.class);
        // the check stopped the backend that still held the append, so it can never commit
        assertThat(PgTestSupport.queryLong("SELECT count(*) FROM pg_stat_activity WHERE pid = " + backend)).isZero();
        gate.open();
      }
      assertThat(stored(base, s)).isEqualTo(1);
      assertThat(List.of(store.append(append(Map.of(s, 1L), event(s, 2))).streamVersions().get(s)))
          .containsExactly(2L);
    });
  }
}

package org.eventcore.examples.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.eventcore.postgres.PostgresConfig;
import org.eventcore.postgres.PostgresEventStore;
import org.eventcore.postgres.testing.FaultProxy;
import org.eventcore.postgres.testing.PostgresStoreExtension;
import org.eventcore.runtime.AppendOutcomeUnknownException;
import org.eventcore.runtime.StoreException;
import org.eventcore.runtime.StreamId;
import org.eventcore.runtime.command.CommandExecutor;
import org.eventcore.runtime.command.ExecutionResult;
import org.eventcore.runtime.store.EventStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Idempotency keys on PostgreSQL: two store instances (two pools, as two processes have) on one schema; and the
 * way out of an unknown outcome: the same execution again, with the same key, writes at most once.
 */
class PostgresIdempotentCommandsTest extends IdempotentCommandsContract {
  @RegisterExtension
  static final PostgresStoreExtension DB =
      PostgresStoreExtension.newSchema("idempotent_commands", b -> b.maxConnections(8));

  @Override
  protected EventStore store() {
    return DB.store();
  }

  @Override
  protected EventStore sameDataOtherStore() {
    return DB.otherStore();
  }

  /**
   * The answers to a keyed transfer are lost on every attempt and the database is unreachable when the store
   * checks: the caller gets AppendOutcomeUnknownException. Executing the same transfer again with the same key,
   * once the database is back, returns the committed result and moves the money once.
   */
  @Test
  void afterAnUnknownOutcomeTheSameKeyResolvesItWithoutMovingMoneyTwice() throws Exception {
    CommandExecutor direct = new CommandExecutor(DB.store());
    StreamId from = StreamId.of("idem-unknown-" + UUID.randomUUID());
    StreamId to = StreamId.of("idem-unknown-" + UUID.randomUUID());
    direct.execute(new OpenAccount(from, "ann"));
    direct.execute(new Deposit(from, 100));
    direct.execute(new OpenAccount(to, "bob"));
    String key = "transfer-" + UUID.randomUUID();
    ExecutionResult again;
    PostgresConfig config = DB.config();
    try (FaultProxy proxy = FaultProxy.inFrontOf(config.url());
        PostgresEventStore proxied = new PostgresEventStore(config.toBuilder().url(proxy.route(config.url()))
            .maxRetries(2).retryInitialDelay(Duration.ofMillis(10)).retryMaxDelay(Duration.ofMillis(20))
            .acquireTimeout(Duration.ofSeconds(1)).connectTimeout(Duration.ofSeconds(1))
            .loginTimeout(Duration.ofSeconds(1)).socketTimeout(Duration.ofSeconds(3))
            .statementTimeout(Duration.ofSeconds(2)).build())) {
      CommandExecutor executor = new CommandExecutor(proxied);
      executor.execute(new Deposit(to, 1)); // warm the pool through the proxy
      proxy.dropAnswersTo("eventcore_append", 3);
      proxy.afterDrop(() -> {
        if (proxy.dropped() == 3) {
          proxy.refuseFor(Duration.ofSeconds(4)); // the database "goes away" before the check can run
        }
      });

      assertThatThrownBy(() -> executor.execute(new Transfer(from, to, 60), null, key))
          .isInstanceOf(AppendOutcomeUnknownException.class)
          .hasMessageContaining("with the same idempotency key");

      again = retryUntilTheDatabaseIsBack(executor, new Transfer(from, to, 60), key);
      assertThat(again.replayed()).isTrue();
    }
    ExecutionResult third = direct.execute(new Transfer(from, to, 60), null, key);
    assertThat(third.replayed()).isTrue();
    assertThat(third.events()).isEqualTo(again.events());
    assertThat(DB.store().readStreams(List.of(from), e -> {}).get(from)).isEqualTo(3);
    assertThat(DB.store().readStreams(List.of(to), e -> {}).get(to)).isEqualTo(3);
  }

  /** The store's own bounded waits end each attempt; the loop is bounded too (the outage lasts 4 s). */
  private static ExecutionResult retryUntilTheDatabaseIsBack(CommandExecutor executor, Transfer t, String key)
      throws InterruptedException {
    RuntimeException last = null;
    for (int i = 0; i < 30; i++) {
      try {
        return executor.execute(t, null, key);
      } catch (StoreException e) {
        last = e;
        Thread.sleep(500);
      }
    }
    throw last;
  }
}

package org.eventcore.examples.bank.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eventcore.examples.bank.Deposit;
import org.eventcore.examples.bank.OpenAccount;
import org.eventcore.postgres.PostgresConfig;
import org.eventcore.postgres.PostgresEventStore;
import org.eventcore.postgres.testing.PostgresTestDatabase;
import org.eventcore.runtime.StreamId;
import org.eventcore.runtime.command.CommandExecutor;
import org.eventcore.runtime.command.ExecutionResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A read that fails transiently after the first rows reached the command is retried by the executor. */
class PostgresReadRetryTest {

  @AfterEach
  void clearHook() {
    Audit.onApply = () -> {};
  }

  @Test
  void executorRetriesAnAttemptWhoseCursorReadWasKilledAfterTheFirstRows() throws Exception {
    PostgresConfig config = PostgresTestDatabase.newSchema("readretry").fetchSize(2).applicationName("read-retry")
        .build();
    try (PostgresEventStore store = new PostgresEventStore(config)) {
      store.initialize();
      CommandExecutor executor = new CommandExecutor(store);
      StreamId account = StreamId.of("audited-1");
      executor.execute(new OpenAccount(account, "Ann"));
      for (int i = 0; i < 6; i++) {
        executor.execute(new Deposit(account, 10));
      }
      AtomicBoolean killed = new AtomicBoolean();
      AtomicInteger applied = new AtomicInteger();
      Audit.onApply = () -> {
        applied.incrementAndGet();
        if (killed.compareAndSet(false, true)) {
          // the command has folded its first event; the cursor still has rows to fetch
          try (Connection c = PostgresTestDatabase.connect(); Statement st = c.createStatement()) {
            st.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'read-retry'");
          } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
          }
        }
      };

      ExecutionResult result = executor.execute(new Audit(account));

      assertThat(killed).isTrue();
      assertThat(result.attempts()).isEqualTo(2);
      assertThat(result.versionOf(account)).isEqualTo(7);
      assertThat(applied.get()).as("the retry folded all 7 events afresh").isGreaterThanOrEqualTo(1 + 7);
    }
  }
}

package org.eventcore.examples.bank.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.eventcore.examples.bank.OpenAccount;
import org.eventcore.examples.bank.QuickStart;
import org.eventcore.postgres.PostgresConfig;
import org.eventcore.postgres.PostgresEventStore;
import org.eventcore.postgres.testing.PostgresTestDatabase;
import org.eventcore.runtime.StreamId;
import org.eventcore.runtime.command.CommandExecutor;
import org.eventcore.runtime.command.ExecutionResult;
import org.junit.jupiter.api.Test;

/** The README's quick start, run against a real PostgreSQL. */
class QuickStartTest {

  @Test
  void theQuickStartConnectsInitializesTwiceAndExecutes() {
    // the quick start uses the default schema (public) of the test server
    PostgresConfig server = PostgresTestDatabase.newSchema("quickstart").build();
    String url = server.url() + (server.url().contains("?") ? "&" : "?") + "user=" + server.user() + "&password="
        + server.password();
    try (PostgresEventStore store = QuickStart.connect(url)) {
      store.initialize();
      StreamId account = StreamId.of("account-" + UUID.randomUUID());
      ExecutionResult result = QuickStart.withdraw(store, account);
      assertThat(result.attempts()).isEqualTo(1);
      assertThat(result.versionOf(account)).isEqualTo(3);

      StreamId other = StreamId.of("account-" + UUID.randomUUID());
      CommandExecutor executor = new CommandExecutor(store);
      executor.execute(new OpenAccount(other, "Bob"));
      String requestId = "request-" + UUID.randomUUID();
      ExecutionResult first = QuickStart.transferOnce(executor, account, other, requestId);
      ExecutionResult again = QuickStart.transferOnce(executor, account, other, requestId);
      assertThat(first.replayed()).isFalse();
      assertThat(again.replayed()).isTrue();
      assertThat(again.events()).isEqualTo(first.events());
      assertThat(store.readStreams(List.of(account), e -> {}).get(account)).isEqualTo(4);
    }
  }
}

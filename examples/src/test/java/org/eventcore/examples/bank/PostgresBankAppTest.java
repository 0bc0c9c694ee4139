package org.eventcore.examples.bank;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.eventcore.postgres.PostgresConfig;
import org.eventcore.postgres.PostgresEventStore;
import org.eventcore.postgres.testing.PostgresTestDatabase;
import org.junit.jupiter.api.Test;

/** The app on PostgreSQL: the continuous projection on the store, and every check of the summary, SQL included. */
class PostgresBankAppTest {

  @Test
  void theAppRunsOnPostgresAndEveryCheckPasses() throws Exception {
    PostgresConfig config = PostgresTestDatabase.newSchema("bank_app").maxConnections(12).build();
    ExampleDatabase database = ExampleDatabase.on(config);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    boolean ok;
    try (PostgresEventStore store = database.openStore()) {
      ok = BankApp.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), store, store,
          new BankWorkload.Settings(5, 4, 300, 10_000), database);
    }
    String output = bytes.toString(StandardCharsets.UTF_8);

    assertThat(ok).as(output).isTrue();
    assertThat(output).contains("money conserved                yes")
        .contains("read model caught up           yes").contains("read model agrees              yes")
        .contains("events table agrees            yes");
  }
}

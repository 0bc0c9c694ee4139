package org.eventcore.examples.bank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.eventcore.runtime.StreamId;
import org.eventcore.runtime.command.CommandExecutor;
import org.eventcore.runtime.command.ExecutionResult;
import org.eventcore.runtime.memory.InMemoryEventStore;
import org.eventcore.runtime.projection.ProjectionRunner;
import org.junit.jupiter.api.Test;

/** The README's in-memory quick start, in a project whose only EventCore dependency is eventcore-runtime. */
class QuickStartTest {

  @Test
  void commandsAndAProjectionRunOnTheInMemoryStore() {
    InMemoryEventStore store = new InMemoryEventStore();
    CommandExecutor executor = new CommandExecutor(store);
    StreamId a = StreamId.of("account-a");
    StreamId b = StreamId.of("account-b");
    executor.execute(new OpenAccount(a, "Ann"));
    executor.execute(new OpenAccount(b, "Bob"));
    executor.execute(new Deposit(a, 10_000));
    ExecutionResult result = executor.execute(new Withdraw(a, 2_500));
    executor.execute(new Transfer(a, b, 1_000));
    assertEquals(3, result.versionOf(a));

    BankReadModel readModel = new BankReadModel();
    try (ProjectionRunner<BankReadModel> runner = new ProjectionRunner<>(store, readModel)) {
      runner.runOnce();
    }
    assertEquals(6_500, readModel.balance(a));
    assertEquals(1_000, readModel.balance(b));
  }

  @Test
  void theClassPathHoldsNoDriverPoolEmbeddedDatabaseOrMicrometer() {
    for (String name : List.of("org.postgresql.Driver", "com.zaxxer.hikari.HikariDataSource",
        "io.zonky.test.db.postgres.embedded.EmbeddedPostgres", "io.micrometer.core.instrument.MeterRegistry")) {
      assertThrows(ClassNotFoundException.class, () -> Class.forName(name), name);
    }
  }
}

package org.eventcore.examples.bank.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eventcore.examples.bank.BankEvent;
import org.eventcore.examples.bank.BankWorkload;
import org.eventcore.examples.bank.Deposit;
import org.eventcore.examples.bank.ExampleDatabase;
import org.eventcore.examples.bank.OpenAccount;
import org.eventcore.postgres.IsolationLevel;
import org.eventcore.postgres.PostgresConfig;
import org.eventcore.postgres.PostgresEventStore;
import org.eventcore.postgres.testing.PostgresTestDatabase;
import org.eventcore.runtime.SerializationException;
import org.eventcore.runtime.StreamId;
import org.eventcore.runtime.UuidV7;
import org.eventcore.runtime.codec.EventCodecs;
import org.eventcore.runtime.command.CommandExecutor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The bank on PostgreSQL, checked by SQL against what the commands reported. */
class PostgresBankTest {

  private static long count(String sql, Object... args) throws SQLException {
    try (Connection c = PostgresTestDatabase.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        if (args[i] instanceof String[] array) {
          ps.setArray(i + 1, c.createArrayOf("text", array));
        } else {
          ps.setObject(i + 1, args[i]);
        }
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /**
   * 16 threads of random transfers over 10 accounts: the events table holds exactly successful commands x events
   * each, with no duplicate id, money conserved, and versions contiguous from 1 in every account (by SQL).
   */
  @ParameterizedTest
  @EnumSource(IsolationLevel.class)
  void eventsTableAgreesWithWhatTheCommandsReported(IsolationLevel isolation) throws Exception {
    // 10 hot accounts under SERIALIZABLE fail with 40001 often: a larger store retry budget, as docs/POSTGRES.md advises
    PostgresConfig config = PostgresTestDatabase.newSchema("bank_sql").maxConnections(16).isolation(isolation)
        .maxRetries(10).build();
    String q = "\"" + config.schema() + "\"";
    try (PostgresEventStore store = new PostgresEventStore(config)) {
      store.initialize();
      BankWorkload workload = new BankWorkload(store, new CommandExecutor(store),
          new BankWorkload.Settings(10, 16, 800, 10_000));
      BankWorkload.Summary s = workload.run(null);
      String[] accounts = workload.accounts().stream().map(StreamId::value).toArray(String[]::new);

      assertThat(s.moneyConserved()).as("%s", s).isTrue();
      // commands that gave up after their conflict retries wrote nothing; they are not in eventsWritten
      long rows = count("SELECT count(*) FROM " + q + ".events WHERE stream_id = ANY (?)", (Object) accounts);
      assertThat(rows).isEqualTo(s.eventsWritten()).isEqualTo(2L * accounts.length + 2L * s.transfersSucceeded());
      assertThat(count("SELECT count(DISTINCT event_id) FROM " + q + ".events WHERE stream_id = ANY (?)",
          (Object) accounts)).isEqualTo(rows);
      // versions 1..n without gaps: n rows, max n, min 1 for every account, and the head says n too
      assertThat(count("SELECT count(*) FROM (SELECT e.stream_id FROM " + q + ".events e JOIN " + q
          + ".event_streams h USING (stream_id) WHERE e.stream_id = ANY (?) GROUP BY e.stream_id, h.version"
          + " HAVING count(*) <> max(e.version) OR min(e.version) <> 1 OR h.version <> max(e.version)) bad",
          (Object) accounts)).isZero();
      assertThat(count("SELECT coalesce(sum(CASE WHEN event_type = ? THEN (event_data->>'amountCents')::bigint"
          + " ELSE -(event_data->>'amountCents')::bigint END), 0) FROM " + q + ".events"
          + " WHERE stream_id = ANY (?) AND event_type IN (?, ?)",
          depositType(), accounts, depositType(), withdrawalType()))
          .as("money in the table").isEqualTo(s.expectedTotalCents());
    }
  }

  private static String depositType() {
    return EventCodecs.of(BankEvent.class).typeName(
        new BankEvent.MoneyDeposited(StreamId.of("x"), 1, Optional.empty()));
  }

  private static String withdrawalType() {
    return EventCodecs.of(BankEvent.class).typeName(
        new BankEvent.MoneyWithdrawn(StreamId.of("x"), 1, Optional.empty()));
  }

  @Test
  void corruptJsonRowFailsTheCommandNamingStreamVersionAndType() throws Exception {
    PostgresConfig config = PostgresTestDatabase.newSchema("bank_corrupt").build();
    String q = "\"" + config.schema() + "\"";
    try (PostgresEventStore store = new PostgresEventStore(config)) {
      store.initialize();
      CommandExecutor executor = new CommandExecutor(store);
      StreamId account = StreamId.of("account-" + UUID.randomUUID());
      executor.execute(new OpenAccount(account, "ann"));
      // a row written behind the store's back, with an amount that is not a number
      try (Connection c = PostgresTestDatabase.connect()) {
        c.setAutoCommit(false);
        try (PreparedStatement head = c.prepareStatement("UPDATE " + q + ".event_streams SET version = 2"
            + " WHERE stream_id = ?");
            PreparedStatement row = c.prepareStatement("INSERT INTO " + q + ".events (event_id, stream_id,"
                + " version, event_type, event_data) VALUES (?, ?, 2, ?, ?::jsonb)")) {
          head.setString(1, account.value());
          head.executeUpdate();
          row.setObject(1, UuidV7.next());
          row.setString(2, account.value());
          row.setString(3, depositType());
          row.setString(4, "{\"account\": \"" + account.value() + "\", \"amountCents\": \"lots\"}");
          row.executeUpdate();
        }
        c.commit();
      }
      assertThatThrownBy(() -> executor.execute(new Deposit(account, 100)))
          .isInstanceOfSatisfying(SerializationException.class, e -> {
            assertThat(e.streamId()).isEqualTo(account);
            assertThat(e.version()).isEqualTo(2);
            assertThat(e.eventType()).isEqualTo(depositType());
          })
          .hasMessageContaining(account.value())
          .hasMessageContaining("version 2")
          .hasMessageContaining(depositType());
      assertThat(count("SELECT count(*) FROM " + q + ".events WHERE stream_id = ?", account.value())).isEqualTo(2);
    }
  }

  @Test
  void exampleDatabaseCountsEventsByTypeBySql() {
    PostgresConfig config = PostgresTestDatabase.newSchema("bank_counts").build();
    try (PostgresEventStore store = new PostgresEventStore(config)) {
      store.initialize();
      CommandExecutor executor = new CommandExecutor(store);
      StreamId a = StreamId.of("account-" + UUID.randomUUID());
      executor.execute(new OpenAccount(a, "ann"));
      executor.execute(new Deposit(a, 100));
      executor.execute(new Deposit(a, 50));
      var counts = ExampleDatabase.on(config).countEvents(List.of(a));
      assertThat(counts.total()).isEqualTo(3);
      assertThat(counts.distinctEventIds()).isEqualTo(3);
      assertThat(counts.byType()).containsEntry(depositType(), 2L).hasSize(2);
    }
  }
}

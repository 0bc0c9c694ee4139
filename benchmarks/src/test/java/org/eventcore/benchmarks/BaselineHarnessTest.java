package org.eventcore.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.modelling.command.ConcurrencyException;
import org.eventcore.examples.bank.BankEvent.MoneyDeposited;
import org.eventcore.runtime.StreamId;
import org.eventcore.runtime.UuidV7;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The baselines write what they claim: the floor's one statement writes events and their heads (the foreign key
 * holds) in one transaction per write; Axon runs one transaction per append and reports a duplicate sequence
 * number as a conflict. Rows written by one transaction share their {@code xmin}.
 */
class BaselineHarnessTest {
  static BenchDatabase db;

  @BeforeAll
  static void open() {
    db = BenchDatabase.open("bench_harness", 4);
  }

  @AfterAll
  static void close() {
    db.close();
  }

  @Test
  void floorWritesEventsAndHeadsInOneTransactionPerWrite() throws Exception {
    String schema = db.sibling("bench_harness_floor");
    RawJdbcFloor floor = new RawJdbcFloor(db.pool, schema);
    String a = "floor-a-" + UuidV7.next();
    String b = "floor-b-" + UuidV7.next();
    String json = "{\"amountCents\":1}";
    floor.write(List.of(new RawJdbcFloor.Row(UuidV7.next(), a, 1, "MoneyDeposited", json)));
    floor.write(List.of(
        new RawJdbcFloor.Row(UuidV7.next(), b, 1, "MoneyWithdrawn", json, RawJdbcFloor.Row.correlated(UuidV7.next())),
        new RawJdbcFloor.Row(UuidV7.next(), a, 2, "MoneyDeposited", json, RawJdbcFloor.Row.correlated(UuidV7.next()))));
    floor.write(List.of(new RawJdbcFloor.Row(UuidV7.next(), a, 3, "MoneyDeposited", json),
        new RawJdbcFloor.Row(UuidV7.next(), a, 4, "MoneyDeposited", json)));

    String q = '"' + schema + '"';
    assertThat(longs("SELECT count(*) FROM " + q + ".events")).containsExactly(5L);
    assertThat(longs("SELECT version FROM " + q + ".event_streams ORDER BY stream_id")).containsExactly(4L, 1L);
    assertThat(longs("SELECT count(*) FROM " + q + ".events e JOIN " + q
        + ".event_streams h USING (stream_id)")).containsExactly(5L);
    assertThat(longs("SELECT count(DISTINCT xmin::text) FROM " + q + ".events")).containsExactly(3L);
    assertThat(longs("SELECT count(*) FROM " + q + ".events WHERE metadata ? 'correlation_id'")).containsExactly(2L);
    // no check: a stale version is caught only by UNIQUE (stream_id, version), the schema's backstop
    assertThatThrownBy(() -> floor.write(List.of(new RawJdbcFloor.Row(UuidV7.next(), a, 4, "MoneyDeposited", json))))
        .isInstanceOf(SQLException.class);
  }

  @Test
  void axonRunsOneTransactionPerAppendAndRejectsADuplicateSequenceNumber() throws Exception {
    String schema = db.own(db.config.schema() + "_axon");
    AxonBaseline axon = new AxonBaseline(db.pool, schema, new ObjectMapper());
    long before = axon.commits();
    StreamId account = StreamId.of("axon-" + UuidV7.next());
    long seq = 0;
    for (int append = 0; append < 4; append++) {
      List<GenericDomainEventMessage<MoneyDeposited>> batch = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        batch.add(new GenericDomainEventMessage<>("Account", account.value(), seq++,
            new MoneyDeposited(account, 100, Optional.empty())));
      }
      axon.append(batch);
    }
    assertThat(axon.commits() - before).isEqualTo(4);
    assertThat(longs("SELECT count(*) FROM " + schema + ".domainevententry")).containsExactly(12L);
    assertThat(longs("SELECT count(DISTINCT xmin::text) FROM " + schema + ".domainevententry")).containsExactly(4L);
    assertThat(longs("SELECT max(sequencenumber) FROM " + schema + ".domainevententry")).containsExactly(11L);

    assertThatThrownBy(() -> axon.append(List.of(new GenericDomainEventMessage<>("Account", account.value(), 11L,
        new MoneyDeposited(account, 1, Optional.empty()))))).isInstanceOf(ConcurrencyException.class);
    assertThat(longs("SELECT count(*) FROM " + schema + ".domainevententry")).containsExactly(12L);
  }

  private static List<Long> longs(String sql) throws SQLException {
    List<Long> out = new ArrayList<>();
    try (Connection c = db.pool.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getLong(1));
      }
    }
    return out;
  }
}

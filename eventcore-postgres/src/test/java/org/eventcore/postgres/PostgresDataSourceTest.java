package org.eventcore.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.eventcore.postgres.PgTestSupport.append;
import static org.eventcore.postgres.PgTestSupport.event;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.Map;
import java.util.UUID;
import org.eventcore.postgres.IsolationLevel;
import org.eventcore.postgres.PostgresConfig;
import org.eventcore.postgres.PostgresEventStore;
import org.eventcore.postgres.testing.PostgresTestDatabase;
import org.eventcore.runtime.InvalidInputException;
import org.eventcore.runtime.StreamId;
import org.junit.jupiter.api.Test;

/** A store on a DataSource the application owns. */
class PostgresDataSourceTest {

  @Test
  void storeOnAnExistingDataSourceWorksAndLeavesItOpen() {
    PostgresConfig server = PostgresTestDatabase.newSchema("ds").build();
    HikariConfig hc = new HikariConfig();
    hc.setJdbcUrl(server.url());
    hc.setUsername(server.user());
    hc.setPassword(server.password());
    hc.setMaximumPoolSize(4);
    try (HikariDataSource ds = new HikariDataSource(hc)) {
      PostgresConfig settings = PostgresConfig.builder().schema(server.schema())
          .isolation(IsolationLevel.SERIALIZABLE).build(); // no URL: the DataSource connects
      assertThat(settings.url()).isNull();
      StreamId s = StreamId.of("ds-" + UUID.randomUUID());
      try (PostgresEventStore store = PostgresEventStore.create(ds, settings)) {
        store.initialize();
        store.append(append(Map.of(s, 0L), event(s, 1), event(s, 2)));
        assertThat(PgTestSupport.readAll(store, s)).hasSize(2);
      }
      assertThat(ds.isClosed()).isFalse();
      try (PostgresEventStore again = PostgresEventStore.create(ds, settings)) {
        again.initialize();
        assertThat(again.append(append(Map.of(s, 2L), event(s, 3))).streamVersions()).containsEntry(s, 3L);
      }
    }
  }

  @Test
  void storeWithoutUrlOrDataSourceIsRejected() {
    PostgresConfig noUrl = PostgresConfig.builder().build();
    assertThatThrownBy(() -> new PostgresEventStore(noUrl))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("PostgresConfig.url must be set")
        .hasMessageContaining("PostgresEventStore.create(DataSource, PostgresConfig)");
    assertThatThrownBy(() -> PostgresEventStore.create(null, noUrl)).isInstanceOf(InvalidInputException.class);
  }
}

package org.eventcore.examples.evolution;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.eventcore.postgres.PostgresConfig;
import org.eventcore.postgres.PostgresEventStore;
import org.eventcore.postgres.testing.PostgresTestDatabase;
import org.eventcore.runtime.StreamId;
import org.eventcore.runtime.UuidV7;
import org.eventcore.runtime.store.EventStore;
import org.junit.jupiter.api.AfterEach;

/** Old rows inserted into PostgreSQL by raw SQL, as the earlier release's store wrote them. */
class PostgresEvolutionTest extends EvolutionContract {
  private final List<PostgresEventStore> stores = new ArrayList<>();
  private final Map<EventStore, String> schemas = new IdentityHashMap<>();

  @Override
  EventStore newStore() {
    PostgresConfig config = PostgresTestDatabase.newSchema("evolution").build();
    PostgresEventStore store = new PostgresEventStore(config);
    stores.add(store);
    schemas.put(store, config.schema());
    store.initialize();
    return store;
  }

  @AfterEach
  void close() {
    stores.forEach(PostgresEventStore::close);
  }

  @Override
  void insertOld(EventStore store, StreamId stream, long version, String type, String json) throws SQLException {
    String q = "\"" + schemas.get(store) + "\"";
    try (Connection c = PostgresTestDatabase.connect()) {
      try (PreparedStatement head = c.prepareStatement("INSERT INTO " + q + ".event_streams (stream_id, version)"
          + " VALUES (?, ?) ON CONFLICT (stream_id) DO UPDATE SET version = EXCLUDED.version")) {
        head.setString(1, stream.value());
        head.setLong(2, version);
        head.executeUpdate();
      }
      try (PreparedStatement row = c.prepareStatement("INSERT INTO " + q + ".events"
          + " (event_id, stream_id, version, event_type, event_data) VALUES (?, ?, ?, ?, ?::jsonb)")) {
        row.setObject(1, UuidV7.next());
        row.setString(2, stream.value());
        row.setLong(3, version);
        row.setString(4, type);
        row.setString(5, json);
        row.executeUpdate();
      }
    }
  }
}

package org.eventcore.examples.bank;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eventcore.postgres.PostgresConfig;
import org.eventcore.postgres.PostgresEventStore;
import org.eventcore.runtime.StoreException;
import org.eventcore.runtime.StoreOperation;
import org.eventcore.runtime.StreamId;

/**
 * The example's PostgreSQL: the server named by DATABASE_URL (and the other DATABASE_* variables of
 * {@link PostgresConfig#fromEnvironment()}) when it is set, otherwise an embedded PostgreSQL 17 started for the
 * run and removed on {@link #close()}. Also counts the stored events by SQL, so the app can check the table
 * against what its commands reported.
 */
public final class ExampleDatabase implements AutoCloseable {
  private final PostgresConfig config;
  private final EmbeddedPostgres embedded;
  private final String description;

  private ExampleDatabase(PostgresConfig config, EmbeddedPostgres embedded, String description) {
    this.config = config;
    this.embedded = embedded;
    this.description = description;
  }

  /** Connects to DATABASE_URL when set, else starts embedded PostgreSQL (a few seconds on first use). */
  public static ExampleDatabase start() {
    return start(System.getenv());
  }

  /** {@link #start()} over the given environment variables. */
  public static ExampleDatabase start(Map<String, String> env) {
    String url = env.get("DATABASE_URL");
    if (url != null && !url.isBlank()) {
      PostgresConfig config = PostgresConfig.fromEnvironment(env);
      return new ExampleDatabase(config, null, "PostgreSQL at " + config.url() + " (DATABASE_URL), schema "
          + config.schema());
    }
    try {
      EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
      PostgresConfig config = PostgresConfig.builder()
          .url("jdbc:postgresql://localhost:" + pg.getPort() + "/postgres")
          .user("postgres")
          .schema("bank")
          .maxConnections(16)
          .build();
      return new ExampleDatabase(config, pg, "embedded PostgreSQL on port " + pg.getPort()
          + " (set DATABASE_URL to use your own server)");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start embedded PostgreSQL; set DATABASE_URL to use a server", e);
    }
  }

  /** A database on a server that is already running; {@link #close()} leaves it running. */
  public static ExampleDatabase on(PostgresConfig config) {
    return new ExampleDatabase(config, null, "PostgreSQL at " + config.url() + ", schema " + config.schema());
  }

  /** The store's configuration for this database. */
  public PostgresConfig config() {
    return config;
  }

  /** Where the events go, for the app's banner. */
  public String description() {
    return description;
  }

  /** A store on this database with its schema created or migrated; close it before this database. */
  public PostgresEventStore openStore() {
    PostgresEventStore store = new PostgresEventStore(config);
    store.initialize();
    return store;
  }

  /** Events stored in {@code streams}, counted by SQL straight from the events table. */
  public record EventCounts(long total, Map<String, Long> byType, long distinctEventIds) {}

  /** Counts the events of {@code streams} by type, by SQL. */
  public EventCounts countEvents(List<StreamId> streams) {
    String sql = "SELECT event_type, count(*), count(DISTINCT event_id) FROM \"" + config.schema() + "\".events"
        + " WHERE stream_id = ANY (?) GROUP BY event_type";
    try (Connection c = DriverManager.getConnection(config.url(), config.user(), config.password());
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setArray(1, c.createArrayOf("text", streams.stream().map(StreamId::value).toArray(String[]::new)));
      Map<String, Long> byType = new TreeMap<>();
      long total = 0;
      long distinct = 0;
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          byType.put(rs.getString(1), rs.getLong(2));
          total += rs.getLong(2);
          distinct += rs.getLong(3);
        }
      }
      return new EventCounts(total, byType, distinct);
    } catch (SQLException e) {
      throw new StoreException(StoreOperation.READ_STREAM, "counting events by SQL failed: " + e.getMessage(), e);
    }
  }

  /** An account's row in the SQL read model. */
  public record SqlBalance(long balanceCents, long entries) {}

  /** Creates the table of the {@link SqlBalances} read model if it does not exist. */
  public void createReadModelTable() {
    try (Connection c = DriverManager.getConnection(config.url(), config.user(), config.password())) {
      SqlBalances.createTable(c, config.schema());
    } catch (SQLException e) {
      throw new StoreException(StoreOperation.INITIALIZE, "creating the read model table failed: " + e.getMessage(), e);
    }
  }

  /** The {@link SqlBalances} read model's rows for {@code accounts}, by SQL. */
  public Map<StreamId, SqlBalance> sqlBalances(List<StreamId> accounts) {
    String sql = "SELECT account, balance_cents, entries FROM \"" + config.schema() + "\".bank_balances"
        + " WHERE account = ANY (?)";
    try (Connection c = DriverManager.getConnection(config.url(), config.user(), config.password());
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setArray(1, c.createArrayOf("text", accounts.stream().map(StreamId::value).toArray(String[]::new)));
      Map<StreamId, SqlBalance> rows = new TreeMap<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.put(StreamId.of(rs.getString(1)), new SqlBalance(rs.getLong(2), rs.getLong(3)));
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new StoreException(StoreOperation.READ_ALL, "reading the SQL read model failed: " + e.getMessage(), e);
    }
  }

  /** Stops the embedded server, if this database started one. */
  @Override
  public void close() {
    if (embedded != null) {
      try {
        embedded.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}

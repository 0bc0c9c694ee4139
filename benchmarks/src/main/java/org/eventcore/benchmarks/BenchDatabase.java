package org.eventcore.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import org.eventcore.postgres.PostgresConfig;
import org.eventcore.postgres.PostgresEventStore;
import org.eventcore.postgres.testing.PostgresTestDatabase;

/**
 * The server and pool a benchmark trial runs on: one HikariCP pool shared by EventCore's store, the raw JDBC
 * floor and Axon, on a fresh schema per trial. The server is the one the suite started (passed to forked JVMs
 * through a private properties file named by {@code -Deventcore.bench.db}), else {@code DATABASE_URL} /
 * {@code TEST_DATABASE_URL}, else embedded PostgreSQL.
 */
final class BenchDatabase implements AutoCloseable {
  static final String DB_PROPERTY = "eventcore.bench.db";

  final PostgresConfig config;
  final HikariDataSource pool;
  final PostgresEventStore store;
  /** Schemas this trial created, dropped on close so that a DATABASE_URL server does not fill up. */
  private final List<String> schemas = new ArrayList<>();

  private BenchDatabase(PostgresConfig config) {
    this.config = config;
    HikariConfig hc = new HikariConfig();
    hc.setPoolName("bench-" + config.schema());
    hc.setJdbcUrl(config.url());
    hc.setUsername(config.user());
    hc.setPassword(config.password());
    hc.setMaximumPoolSize(config.maxConnections());
    hc.setMinimumIdle(config.maxConnections());
    hc.setAutoCommit(true);
    this.pool = new HikariDataSource(hc);
    this.store = PostgresEventStore.create(pool, config);
    schemas.add(config.schema());
    store.initialize();
  }

  /** A fresh schema with a pool of {@code poolSize} connections. */
  static BenchDatabase open(String prefix, int poolSize) {
    return new BenchDatabase(builder(prefix).maxConnections(poolSize).minConnections(0).build());
  }

  /** Connection settings for a new schema on the benchmark server. */
  static PostgresConfig.Builder builder(String prefix) {
    String file = System.getProperty(DB_PROPERTY);
    if (file == null) {
      return PostgresTestDatabase.newSchema(prefix);
    }
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(Path.of(file))) {
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read benchmark database settings " + file, e);
    }
    String schema = prefix + "_" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
    return PostgresConfig.builder().url(p.getProperty("url")).user(p.getProperty("user"))
        .password(p.getProperty("password")).schema(schema);
  }

  /**
   * Creates EventCore's tables in a second schema on the same pool, for baselines that must not share rows;
   * returns the schema's name.
   */
  String sibling(String prefix) {
    PostgresConfig other = builder(prefix).maxConnections(config.maxConnections()).minConnections(0).build();
    schemas.add(other.schema());
    PostgresEventStore.create(pool, other).initialize();
    return other.schema();
  }

  /** Registers a schema a baseline created on this pool (e.g. Axon's), to be dropped on close. */
  String own(String schema) {
    schemas.add(schema);
    return schema;
  }

  @Override
  public void close() {
    store.close();
    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      for (String schema : schemas) {
        s.execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
      }
    } catch (SQLException e) {
      System.err.println("could not drop benchmark schemas " + schemas + ": " + e.getMessage());
    } finally {
      pool.close();
    }
  }
}

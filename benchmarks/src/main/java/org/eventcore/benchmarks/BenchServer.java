package org.eventcore.benchmarks;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.eventcore.postgres.PostgresConfig;

/**
 * The PostgreSQL server of one suite run: {@code DATABASE_URL} / {@code TEST_DATABASE_URL} when set (its settings
 * as they are), else an embedded PostgreSQL the suite starts and stops, with durable commits by default
 * ({@code fsync}, {@code synchronous_commit} and {@code full_page_writes} on, set explicitly: zonky's embedded
 * server turns the first two off unless told otherwise), or all three off for {@code --fast-unsafe}. A run on a
 * server that does not flush commits (fsync or synchronous_commit off) is labelled {@link #UNSAFE} in every file
 * it writes.
 */
final class BenchServer implements AutoCloseable {
  /** The label of results measured without durable commits. */
  static final String UNSAFE = "fsync off (unsafe)";

  final PostgresConfig config;
  /** Null when the server is the caller's. */
  private final EmbeddedPostgres embedded;
  /** Null for durable commits, else {@link #UNSAFE}. */
  final String unsafeLabel;

  private BenchServer(PostgresConfig config, EmbeddedPostgres embedded) {
    this.config = config;
    this.embedded = embedded;
    this.unsafeLabel = durable(config) ? null : UNSAFE;
  }

  /** The configured server, else an embedded one, durable unless {@code fastUnsafe}. */
  static BenchServer start(boolean fastUnsafe) {
    Map<String, String> env = System.getenv();
    for (String variable : new String[] {"DATABASE_URL", "TEST_DATABASE_URL"}) {
      String url = env.get(variable);
      if (url != null && !url.isBlank()) {
        if (fastUnsafe) {
          System.out.println("--fast-unsafe ignored: " + variable + " names the server; its settings are used");
        }
        return new BenchServer(PostgresConfig.builder().url(url).schema("bench_probe").build(), null);
      }
    }
    String flush = fastUnsafe ? "off" : "on";
    try {
      EmbeddedPostgres pg = EmbeddedPostgres.builder()
          .setServerConfig("fsync", flush)
          .setServerConfig("synchronous_commit", flush)
          .setServerConfig("full_page_writes", flush)
          .setServerConfig("max_connections", "300")
          .start();
      PostgresConfig config = PostgresConfig.builder()
          .url("jdbc:postgresql://localhost:" + pg.getPort() + "/postgres").user("postgres")
          .schema("bench_probe").build();
      return new BenchServer(config, pg);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start embedded PostgreSQL; set DATABASE_URL to use a server", e);
    }
  }

  /** Whether the server flushes every commit to disk before acknowledging it. */
  private static boolean durable(PostgresConfig config) {
    try (Connection c = DriverManager.getConnection(config.url(), config.user(), config.password());
        Statement s = c.createStatement()) {
      return "on".equals(show(s, "fsync")) && !"off".equals(show(s, "synchronous_commit"));
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the benchmark server's settings: " + e.getMessage(), e);
    }
  }

  private static String show(Statement s, String setting) throws SQLException {
    try (ResultSet rs = s.executeQuery("SHOW " + setting)) {
      rs.next();
      return rs.getString(1);
    }
  }

  @Override
  public void close() throws IOException {
    if (embedded != null) {
      embedded.close();
    }
  }
}

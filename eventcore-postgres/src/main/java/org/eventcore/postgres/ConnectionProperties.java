package org.eventcore.postgres;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.postgresql.Driver;

/**
 * Opens every connection the store opens, pooled or dedicated (LISTEN, leadership), with one set of pgjdbc
 * properties: application name, TCP keepalive, the connect, login and socket time limits, the server-side
 * {@code statement_timeout}, the credentials and the secret URL parameters, so that no connect, login or
 * statement blocks a caller beyond its configured bound. Parameters in the URL itself take precedence over these
 * (pgjdbc's rule). Connections are opened through {@link org.postgresql.Driver} directly, and HikariCP gets
 * {@link #dataSource}, whose {@code toString} names URL and user only, so no secret reaches a log line (HikariCP
 * logs its configuration at DEBUG, pgjdbc its URL at FINE).
 */
final class ConnectionProperties {
  private static final Driver DRIVER = new Driver();

  private ConnectionProperties() {}

  /** A new connection outside any pool. */
  static Connection open(PostgresConfig config) throws SQLException {
    Connection c = DRIVER.connect(config.url(), withCredentials(config));
    if (c == null) {
      throw new SQLException("pgjdbc does not accept the URL " + config.url(), "08001");
    }
    return c;
  }

  /**
   * The DataSource HikariCP opens its connections from. {@code setLoginTimeout} is ignored: the configured
   * loginTimeout governs.
   */
  static DataSource dataSource(PostgresConfig config) {
    return new DataSource() {
      @Override
      public Connection getConnection() throws SQLException {
        return open(config);
      }

      @Override
      public Connection getConnection(String username, String password) throws SQLException {
        return open(config.toBuilder().user(username).password(password).build());
      }

      @Override
      public PrintWriter getLogWriter() {
        return null;
      }

      @Override
      public void setLogWriter(PrintWriter out) {
        // pgjdbc logs through java.util.logging
      }

      @Override
      public void setLoginTimeout(int seconds) {
        // the configured loginTimeout governs
      }

      @Override
      public int getLoginTimeout() {
        return (int) ((config.loginTimeout().toMillis() + 999) / 1000);
      }

      @Override
      public Logger getParentLogger() {
        return Logger.getLogger("org.postgresql");
      }

      @Override
      public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
          return type.cast(this);
        }
        throw new SQLException("not a wrapper of " + type.getName());
      }

      @Override
      public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
      }

      @Override
      public String toString() {
        return "eventcore connections to " + config.url() + " as " + config.user();
      }
    };
  }

  /** The properties without credentials (HikariCP passes user and password itself). */
  static Properties of(PostgresConfig config) {
    Properties p = new Properties();
    p.setProperty("ApplicationName", config.applicationName());
    p.setProperty("tcpKeepAlive", "true");
    p.setProperty("connectTimeout", seconds(config.connectTimeout()));
    p.setProperty("loginTimeout", seconds(config.loginTimeout()));
    p.setProperty("socketTimeout", seconds(config.socketTimeout()));
    p.setProperty("options", "-c statement_timeout=" + config.statementTimeout().toMillis());
    // the server's Detail and Where lines can quote event payloads (22P02, 22P05); messages and logs get the
    // primary message only, the full ServerErrorMessage stays available to the code that needs it
    p.setProperty("logServerErrorDetail", "false");
    config.secretParameters().forEach(p::setProperty);
    return p;
  }

  /** {@link #of} plus user and password, for a connection opened straight through the driver. */
  static Properties withCredentials(PostgresConfig config) {
    Properties p = of(config);
    if (config.user() != null) {
      p.setProperty("user", config.user());
    }
    if (config.password() != null) {
      p.setProperty("password", config.password());
    }
    return p;
  }

  /** pgjdbc takes whole seconds; a fraction rounds up, so the limit is never shorter than configured. */
  private static String seconds(Duration d) {
    return Long.toString((d.toMillis() + 999) / 1000);
  }
}

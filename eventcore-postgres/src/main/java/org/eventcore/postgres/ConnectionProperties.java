package org.eventcore.postgres;

import java.time.Duration;
import java.util.Properties;

/**
 * The pgjdbc connection properties of every connection the store opens, pooled or dedicated (LISTEN,
 * leadership): application name, TCP keepalive, the connect, login and socket time limits and the server-side
 * {@code statement_timeout}, so that no connect, login or statement blocks a caller beyond its configured bound.
 * Parameters in the URL itself take precedence over these (pgjdbc's rule).
 */
final class ConnectionProperties {
  private ConnectionProperties() {}

  /** The properties without credentials (HikariCP passes user and password itself). */
  static Properties of(PostgresConfig config) {
    Properties p = new Properties();
    p.setProperty("ApplicationName", config.applicationName());
    p.setProperty("tcpKeepAlive", "true");
    p.setProperty("connectTimeout", seconds(config.connectTimeout()));
    p.setProperty("loginTimeout", seconds(config.loginTimeout()));
    p.setProperty("socketTimeout", seconds(config.socketTimeout()));
    p.setProperty("options", "-c statement_timeout=" + config.statementTimeout().toMillis());
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

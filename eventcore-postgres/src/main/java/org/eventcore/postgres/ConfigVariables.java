package org.eventcore.postgres;

import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.eventcore.runtime.InvalidInputException;

/** Reads the DATABASE_* environment variables of {@link PostgresConfig#fromEnvironment()} into a builder. */
final class ConfigVariables {
  private ConfigVariables() {}

  /** A builder filled from the variables, the URL taken from {@code urlVariable}. */
  static PostgresConfig.Builder read(Map<String, String> env, String urlVariable) {
    String url = env.get(urlVariable);
    if (url == null || url.isBlank()) {
      throw new InvalidInputException(urlVariable + " is not set; set it to postgres://user:password@host:port/database"
          + " or jdbc:postgresql://host:port/database");
    }
    PostgresConfig.Builder b = PostgresConfig.builder().url(url, urlVariable);
    int max = 10;
    String maxText = env.get("DATABASE_MAX_CONNECTIONS");
    if (maxText != null) {
      max = intVariable("DATABASE_MAX_CONNECTIONS", maxText, 1, 10_000);
      b.maxConnections(max);
    }
    String min = env.get("DATABASE_MIN_CONNECTIONS");
    if (min != null) {
      b.minConnections(intVariable("DATABASE_MIN_CONNECTIONS", min, 0, max));
    }
    seconds(env, "DATABASE_ACQUIRE_TIMEOUT", b::acquireTimeout);
    seconds(env, "DATABASE_CONNECT_TIMEOUT", b::connectTimeout);
    seconds(env, "DATABASE_LOGIN_TIMEOUT", b::loginTimeout);
    seconds(env, "DATABASE_SOCKET_TIMEOUT", b::socketTimeout);
    seconds(env, "DATABASE_STATEMENT_TIMEOUT", b::statementTimeout);
    String schema = env.get("DATABASE_SCHEMA");
    if (schema != null) {
      if (!PostgresConfig.IDENTIFIER.matcher(schema.strip()).matches()) {
        throw new InvalidInputException("DATABASE_SCHEMA must be 1..63 letters, digits or '_' starting with a letter"
            + " or '_', got '" + schema + "'");
      }
      b.schema(schema.strip());
    }
    String isolation = env.get("DATABASE_ISOLATION");
    if (isolation != null) {
      IsolationLevel level = IsolationLevel.parse(isolation);
      if (level == null) {
        throw new InvalidInputException(
            "DATABASE_ISOLATION must be read_committed or serializable, got '" + isolation + "'");
      }
      b.isolation(level);
    }
    return b;
  }

  private static int intVariable(String name, String value, int min, int max) {
    try {
      int v = Integer.parseInt(value.strip());
      if (v >= min && v <= max) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new InvalidInputException(name + " must be an integer from " + min + " to " + max + ", got '" + value + "'");
  }

  /** Sets the variable, in seconds (decimals allowed), when it is set; the builder's default stays otherwise. */
  private static void seconds(Map<String, String> env, String name, Function<Duration, ?> setter) {
    String value = env.get(name);
    if (value == null) {
      return;
    }
    try {
      double seconds = Double.parseDouble(value.strip());
      if (seconds >= 0.25 && seconds <= 3600) {
        setter.apply(Duration.ofMillis(Math.round(seconds * 1000)));
        return;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new InvalidInputException(name + " must be a number of seconds from 0.25 to 3600, got '" + value + "'");
  }
}

package org.eventcore.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eventcore.postgres.IsolationLevel;
import org.eventcore.postgres.PostgresConfig;
import org.eventcore.postgres.PostgresEventStore;
import org.eventcore.postgres.testing.PostgresTestDatabase;
import org.eventcore.runtime.InvalidInputException;
import org.eventcore.runtime.StoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Configuration parsing and validation; no database needed except for the connect-failure case. */
class PostgresConfigTest {
  private static final String SECRET = "s3cr3t-p@ss/word";

  @Test
  void postgresUrlFormIsSplitIntoJdbcUrlUserAndPassword() {
    PostgresConfig c = PostgresConfig.fromEnvironment(Map.of(
        "DATABASE_URL", "postgres://app:s3cr3t-p%40ss%2Fword@db.example:6543/events?sslmode=require"));
    assertThat(c.url()).isEqualTo("jdbc:postgresql://db.example:6543/events?sslmode=require");
    assertThat(c.user()).isEqualTo("app");
    assertThat(c.password()).isEqualTo(SECRET);
  }

  @Test
  void jdbcUrlFormKeepsParametersAndTakesCredentialsOut() {
    PostgresConfig c = PostgresConfig.fromEnvironment(Map.of(
        "DATABASE_URL", "jdbc:postgresql://localhost/eventcore?user=app&password=s3cr3t&ssl=false"));
    assertThat(c.url()).isEqualTo("jdbc:postgresql://localhost/eventcore?ssl=false");
    assertThat(c.user()).isEqualTo("app");
    assertThat(c.password()).isEqualTo("s3cr3t");
    assertThat(PostgresConfig.fromEnvironment(Map.of("DATABASE_URL", "postgresql://h/db")).url())
        .isEqualTo("jdbc:postgresql://h/db");
  }

  @Test
  void unescapedAtSignInPasswordStillParses() {
    PostgresConfig c = PostgresConfig.builder().url("postgres://app:p@ss@host:5432/db").build();
    assertThat(c.user()).isEqualTo("app");
    assertThat(c.password()).isEqualTo("p@ss");
    assertThat(c.url()).isEqualTo("jdbc:postgresql://host:5432/db");
  }

  @Test
  void environmentVariablesOverrideDefaults() {
    Map<String, String> env = new HashMap<>();
    env.put("DATABASE_URL", "postgres://localhost/db");
    env.put("DATABASE_MAX_CONNECTIONS", "32");
    env.put("DATABASE_MIN_CONNECTIONS", "4");
    env.put("DATABASE_ACQUIRE_TIMEOUT", "2.5");
    env.put("DATABASE_SCHEMA", "ledger");
    env.put("DATABASE_ISOLATION", "serializable");
    PostgresConfig c = PostgresConfig.fromEnvironment(env);
    assertThat(c.maxConnections()).isEqualTo(32);
    assertThat(c.minConnections()).isEqualTo(4);
    assertThat(c.acquireTimeout()).isEqualTo(Duration.ofMillis(2500));
    assertThat(c.schema()).isEqualTo("ledger");
    assertThat(c.isolation()).isEqualTo(IsolationLevel.SERIALIZABLE);
  }

  @Test
  void defaultsAreDocumented() {
    PostgresConfig c = PostgresConfig.fromEnvironment(Map.of("DATABASE_URL", "postgres://localhost/db"));
    assertThat(c.maxConnections()).isEqualTo(10);
    assertThat(c.minConnections()).isEqualTo(1);
    assertThat(c.acquireTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.schema()).isEqualTo("public");
    assertThat(c.isolation()).isEqualTo(IsolationLevel.READ_COMMITTED);
    assertThat(c.maxRetries()).isEqualTo(3);
    assertThat(c.fetchSize()).isEqualTo(500);
    assertThat(c.meterRegistry()).isNull();
    assertThat(c.notifyInterval()).isEqualTo(Duration.ofMillis(5));
  }

  @Test
  void notifyIntervalIsZeroToSixtySeconds() {
    PostgresConfig.Builder b = PostgresConfig.builder().url("postgres://localhost/db");
    assertThat(b.notifyInterval(Duration.ZERO).build().notifyInterval()).isZero();
    assertThat(b.notifyInterval(Duration.ofMinutes(1)).build().notifyInterval()).isEqualTo(Duration.ofMinutes(1));
    assertThatThrownBy(() -> b.notifyInterval(Duration.ofMillis(-1)).build()).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("PostgresConfig.notifyInterval must be 0..60 s, got PT-0.001S");
    assertThatThrownBy(() -> b.notifyInterval(Duration.ofSeconds(61)).build())
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("notifyInterval must be 0..60 s");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "DATABASE_MAX_CONNECTIONS | 0     | DATABASE_MAX_CONNECTIONS must be an integer from 1 to 10000, got '0'",
      "DATABASE_MAX_CONNECTIONS | lots  | DATABASE_MAX_CONNECTIONS must be an integer from 1 to 10000, got 'lots'",
      "DATABASE_MIN_CONNECTIONS | 11    | DATABASE_MIN_CONNECTIONS must be an integer from 0 to 10, got '11'",
      "DATABASE_ACQUIRE_TIMEOUT | -1    | DATABASE_ACQUIRE_TIMEOUT must be a number of seconds from 0.25 to 3600, got '-1'",
      "DATABASE_ACQUIRE_TIMEOUT | 5s    | DATABASE_ACQUIRE_TIMEOUT must be a number of seconds from 0.25 to 3600, got '5s'",
      "DATABASE_SCHEMA          | a;b   | DATABASE_SCHEMA must be 1..63 letters, digits or '_'",
      "DATABASE_ISOLATION       | dirty | DATABASE_ISOLATION must be read_committed or serializable, got 'dirty'",
  })
  void invalidVariableIsNamedWithItsRule(String variable, String value, String message) {
    Map<String, String> env = new HashMap<>();
    env.put("DATABASE_URL", "postgres://app:" + SECRET + "@localhost/db");
    env.put(variable, value);
    assertThatThrownBy(() -> PostgresConfig.fromEnvironment(env))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(message)
        .hasMessageNotContaining(SECRET);
  }

  @Test
  void missingOrMalformedUrlIsNamedWithoutThePassword() {
    assertThatThrownBy(() -> PostgresConfig.fromEnvironment(Map.of()))
        .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("DATABASE_URL is not set");
    assertThatThrownBy(() -> PostgresConfig.testDefault(Map.of("DATABASE_URL", "postgres://h/db")))
        .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("TEST_DATABASE_URL is not set");
    assertThatThrownBy(() -> PostgresConfig.fromEnvironment(Map.of("DATABASE_URL", "mysql://app:" + SECRET + "@h/db")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("DATABASE_URL must be postgres://")
        .hasMessageContaining("mysql://app:****@h/db")
        .hasMessageNotContaining(SECRET);
    assertThatThrownBy(() -> PostgresConfig.fromEnvironment(Map.of("DATABASE_URL", "postgres://app:" + SECRET + "@host")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("names no database")
        .hasMessageNotContaining(SECRET)
        .hasMessageNotContaining("s3cr3t");
    assertThatThrownBy(() -> PostgresConfig.fromEnvironment(
        Map.of("DATABASE_URL", "jdbc:postgresql://host?password=" + SECRET)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageNotContaining("s3cr3t");
  }

  @Test
  void testDefaultReadsTestDatabaseUrl() {
    PostgresConfig c = PostgresConfig.testDefault(Map.of("TEST_DATABASE_URL", "postgres://t:pw@localhost:5433/test"));
    assertThat(c.url()).isEqualTo("jdbc:postgresql://localhost:5433/test");
    assertThat(c.user()).isEqualTo("t");
  }

  @Test
  void builderValidatesEverySetting() {
    PostgresConfig.Builder ok = PostgresConfig.builder().url("postgres://localhost/db");
    assertThatThrownBy(() -> ok.maxConnections(0).build()).isInstanceOf(InvalidInputException.class)
        .hasMessage("PostgresConfig.maxConnections must be 1..10000, got 0");
    assertThatThrownBy(() -> PostgresConfig.builder().url("postgres://localhost/db").maxConnections(2)
        .minConnections(3).build()).hasMessageContaining("minConnections must be 0..maxConnections (2), got 3");
    assertThatThrownBy(() -> PostgresConfig.builder().url("postgres://localhost/db")
        .acquireTimeout(Duration.ofMillis(10)).build()).hasMessageContaining("acquireTimeout must be at least 250 ms");
    assertThatThrownBy(() -> PostgresConfig.builder().url("postgres://localhost/db").schema("x\"; drop").build())
        .hasMessageContaining("schema must be 1..63 letters");
    assertThatThrownBy(() -> PostgresConfig.builder().url("postgres://localhost/db").fetchSize(0).build())
        .hasMessageContaining("fetchSize must be 1..100000, got 0");
    assertThatThrownBy(() -> PostgresConfig.builder().url("postgres://localhost/db").retryInitialDelay(Duration.ofSeconds(3))
        .build()).hasMessageContaining("retryMaxDelay must be >= retryInitialDelay");
  }

  @Test
  void passwordNeverAppearsInToString() {
    PostgresConfig c = PostgresConfig.builder().url("postgres://app:" + SECRET + "@localhost/db").build();
    assertThat(c.password()).isEqualTo(SECRET);
    assertThat(c.toString()).doesNotContain(SECRET).doesNotContain("s3cr3t").contains("password=****")
        .contains("user=app");
    assertThat(c.toBuilder().toString()).doesNotContain("s3cr3t");
    PostgresConfig none = PostgresConfig.builder().url("postgres://localhost/db").build();
    assertThat(none.toString()).contains("password=none");
  }

  @Test
  void connectFailureIsAStoreExceptionWithoutThePassword() {
    // port 1 on loopback: nothing listens there, so the connection is refused at once
    PostgresConfig c = PostgresConfig.builder().url("postgres://app:" + SECRET + "@127.0.0.1:1/db")
        .acquireTimeout(Duration.ofMillis(500)).build();
    assertThatThrownBy(() -> new PostgresEventStore(c))
        .isInstanceOf(StoreException.class)
        .hasMessageStartingWith("connect failed: cannot connect to jdbc:postgresql://127.0.0.1:1/db as app")
        .hasMessageNotContaining("s3cr3t");
  }

  @Test
  void timeLimitsHaveDocumentedDefaultsAndComeFromBuilderAndEnvironment() {
    PostgresConfig d = PostgresConfig.fromEnvironment(Map.of("DATABASE_URL", "postgres://localhost/db"));
    assertThat(d.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(d.loginTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(d.socketTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(d.statementTimeout()).isEqualTo(Duration.ofSeconds(30));
    PostgresConfig env = PostgresConfig.fromEnvironment(Map.of("DATABASE_URL", "postgres://localhost/db",
        "DATABASE_CONNECT_TIMEOUT", "2", "DATABASE_LOGIN_TIMEOUT", "3.5", "DATABASE_SOCKET_TIMEOUT", "20",
        "DATABASE_STATEMENT_TIMEOUT", "7"));
    assertThat(env.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(env.loginTimeout()).isEqualTo(Duration.ofMillis(3500));
    assertThat(env.socketTimeout()).isEqualTo(Duration.ofSeconds(20));
    assertThat(env.statementTimeout()).isEqualTo(Duration.ofSeconds(7));
    PostgresConfig built = PostgresConfig.builder().url("postgres://localhost/db").connectTimeout(Duration.ofSeconds(1))
        .loginTimeout(Duration.ofSeconds(2)).socketTimeout(Duration.ofSeconds(4)).statementTimeout(Duration.ofSeconds(3))
        .build();
    assertThat(built.toBuilder().build()).isEqualTo(built);
    assertThat(built.toString()).contains("connectTimeout=PT1S", "loginTimeout=PT2S", "socketTimeout=PT4S",
        "statementTimeout=PT3S");
    java.util.Properties p = ConnectionProperties.of(built);
    assertThat(p).containsEntry("connectTimeout", "1").containsEntry("loginTimeout", "2")
        .containsEntry("socketTimeout", "4").containsEntry("options", "-c statement_timeout=3000")
        .containsEntry("tcpKeepAlive", "true");
  }

  @Test
  void timeLimitsAreValidated() {
    assertThatThrownBy(() -> PostgresConfig.fromEnvironment(Map.of("DATABASE_URL", "postgres://localhost/db",
        "DATABASE_SOCKET_TIMEOUT", "never")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("DATABASE_SOCKET_TIMEOUT must be a number of seconds from 0.25 to 3600, got 'never'");
    PostgresConfig.Builder ok = PostgresConfig.builder().url("postgres://localhost/db");
    assertThatThrownBy(() -> ok.connectTimeout(Duration.ofMillis(100)).build())
        .hasMessage("PostgresConfig.connectTimeout must be 1..3600 s, got PT0.1S");
    assertThatThrownBy(() -> PostgresConfig.builder().url("postgres://localhost/db")
        .connectTimeout(Duration.ofSeconds(20)).build())
        .hasMessageContaining("loginTimeout must be at least connectTimeout (PT20S), got PT10S");
    assertThatThrownBy(() -> PostgresConfig.builder().url("postgres://localhost/db")
        .statementTimeout(Duration.ofSeconds(60)).build())
        .hasMessageContaining("socketTimeout must be more than statementTimeout (PT1M)");
  }

  @Test
  void everyConnectionCarriesTheStatementTimeout() throws Exception {
    PostgresConfig c = PostgresTestDatabase.newSchema("limits").statementTimeout(Duration.ofMillis(1500)).build();
    try (java.sql.Connection conn = java.sql.DriverManager.getConnection(c.url(), ConnectionProperties.withCredentials(c));
        var st = conn.createStatement(); var rs = st.executeQuery("SHOW statement_timeout")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo("1500ms");
    }
  }

  @Test
  void badPortFailsAtConfigurationTime() {
    for (String url : List.of("jdbc:postgresql://host:notaport/db", "postgres://app:" + SECRET + "@host:99999/db",
        "postgres://host:0/db", "jdbc:postgresql://h1:5432,h2:x/db")) {
      assertThatThrownBy(() -> PostgresConfig.builder().url(url).build()).as(url)
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("must be a number from 1 to 65535")
          .hasMessageNotContaining("s3cr3t");
    }
    assertThat(PostgresConfig.builder().url("jdbc:postgresql://h1:5432,h2/db").build().url())
        .isEqualTo("jdbc:postgresql://h1:5432,h2/db");
    assertThat(PostgresConfig.builder().url("jdbc:postgresql://[::1]:5432/db").build().url())
        .isEqualTo("jdbc:postgresql://[::1]:5432/db");
  }

  @Test
  void passwordWithAnyCharacterAndSecretParametersAreTakenOutAndMasked() {
    String nasty = "pa?ss#w/o@rd:x&y";
    PostgresConfig c = PostgresConfig.builder()
        .url("postgres://app:" + nasty + "@db.example:5432/events?sslmode=require&sslpassword=k3y-s3cr3t"
            + "&client_secret=cl13nt")
        .build();
    assertThat(c.user()).isEqualTo("app");
    assertThat(c.password()).isEqualTo(nasty);
    assertThat(c.url()).isEqualTo("jdbc:postgresql://db.example:5432/events?sslmode=require");
    assertThat(c.secretParameters()).containsEntry("sslpassword", "k3y-s3cr3t").containsEntry("client_secret", "cl13nt");
    assertThat(c.toString()).doesNotContain("k3y").doesNotContain("cl13nt").doesNotContain("pa?ss")
        .contains("sslpassword");
    assertThat(ConnectionProperties.of(c)).containsEntry("sslpassword", "k3y-s3cr3t");
    assertThatThrownBy(() -> PostgresConfig.builder().url("postgres://app:" + nasty + "@host").build())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageNotContaining("pa?ss").hasMessageNotContaining("w/o").hasMessageNotContaining("rd:x");
    assertThatThrownBy(() -> PostgresConfig.builder().url("jdbc:postgresql://host?sslpassword=k3y-s3cr3t").build())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageNotContaining("k3y");
    assertThat(DatabaseUrl.redact("postgres://app:pa?ss@host/db?sslpassword=k3y&x=1&my_secret=z"))
        .isEqualTo("postgres://app:****@host/db?sslpassword=****&x=1&my_secret=****");
  }
}

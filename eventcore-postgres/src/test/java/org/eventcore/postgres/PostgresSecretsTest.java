package org.eventcore.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.eventcore.postgres.PgTestSupport.append;
import static org.eventcore.postgres.PgTestSupport.event;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eventcore.postgres.testing.PostgresTestDatabase;
import org.eventcore.runtime.StreamId;
import org.junit.jupiter.api.Test;

/**
 * No secret of the database URL (a password with any characters, {@code sslpassword}, any parameter whose name
 * contains password or secret) appears in {@code url()}, {@code toString()}, exception messages or any log line
 * at any level, SLF4J (Logback) and java.util.logging (pgjdbc) alike.
 */
class PostgresSecretsTest {
  private static final String PASSWORD = "pw?S3CRET1#x/@y";
  private static final String SSL_PASSWORD = "S3CRET2";
  private static final String CLIENT_SECRET = "S3CRET3";
  private static final List<String> SECRETS = List.of("S3CRET1", SSL_PASSWORD, CLIENT_SECRET);

  private static String urlWithSecrets(String hostPortDb) {
    return "postgres://" + PostgresTestDatabase.newSchema("x").build().user() + ":" + PASSWORD + "@" + hostPortDb
        + "?sslpassword=" + SSL_PASSWORD + "&client_secret=" + CLIENT_SECRET + "&ApplicationName=secrets";
  }

  @Test
  void secretsAppearInNoMessageAndNoLogLineAtAnyLevel() throws Exception {
    PostgresConfig base = PostgresTestDatabase.newSchema("secrets").build();
    String hostPortDb = base.url().substring("jdbc:postgresql://".length());
    List<String> seen = new ArrayList<>();
    try (LogCapture capture = new LogCapture()) {
      PostgresConfig config = base.toBuilder().url(urlWithSecrets(hostPortDb)).password(null).build();
      seen.add(config.url());
      seen.add(config.toString());
      seen.add(config.toBuilder().toString());
      // the secret parameters travel as connection properties, so the store still connects
      try (PostgresEventStore store = new PostgresEventStore(config.toBuilder().password(base.password()).build())) {
        store.initialize();
        StreamId s = StreamId.of("secret-" + UUID.randomUUID());
        store.append(append(Map.of(s, 0L), event(s, 1)));
        assertThat(PgTestSupport.readAll(store, s)).hasSize(1);
        seen.add(store.toString());
      }
      // a failed connect: message and ERROR log
      PostgresConfig unreachable = PostgresConfig.builder().url(urlWithSecrets("127.0.0.1:1/db"))
          .acquireTimeout(Duration.ofMillis(500)).build();
      seen.add(unreachable.toString());
      Throwable connect = org.assertj.core.api.Assertions.catchThrowable(() -> new PostgresEventStore(unreachable));
      assertThat(connect).isInstanceOf(org.eventcore.runtime.StoreException.class);
      for (Throwable t = connect; t != null; t = t.getCause()) {
        seen.add(String.valueOf(t.getMessage()));
      }
      // invalid URLs: the InvalidInputException
      for (String bad : List.of(urlWithSecrets("host"), urlWithSecrets("host:nope/db"), "jdbc:postgresql://h?sslpassword="
          + SSL_PASSWORD + "&my_secret=" + CLIENT_SECRET)) {
        assertThatThrownBy(() -> PostgresConfig.builder().url(bad).build())
            .isInstanceOfSatisfying(org.eventcore.runtime.InvalidInputException.class, e -> seen.add(e.getMessage()));
      }
      seen.addAll(capture.lines);
      assertThat(capture.lines).as("something was captured at DEBUG/FINE").anyMatch(l -> l.startsWith("DEBUG"))
          .anyMatch(l -> l.startsWith("JUL FINE"));
    }
    for (String text : seen) {
      for (String secret : SECRETS) {
        assertThat(text).as("a message or log line").doesNotContain(secret);
      }
    }
  }
}

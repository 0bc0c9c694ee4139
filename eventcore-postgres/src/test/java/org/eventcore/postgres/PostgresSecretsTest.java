package org.eventcore.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.eventcore.postgres.PgTestSupport.append;
import static org.eventcore.postgres.PgTestSupport.event;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import org.eventcore.postgres.testing.PostgresTestDatabase;
import org.eventcore.runtime.StreamId;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

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

  /** Everything logged while it is open, at every level, as text. */
  private static final class LogCapture implements AutoCloseable {
    final List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
    private final ch.qos.logback.classic.Logger root =
        ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Map<String, Level> levels = new HashMap<>();
    private final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
      @Override
      protected void append(ILoggingEvent e) {
        lines.add(e.getLevel() + " " + e.getLoggerName() + " " + e.getFormattedMessage()
            + (e.getThrowableProxy() == null ? "" : " " + e.getThrowableProxy().getMessage()));
      }
    };
    private final java.util.logging.Logger jul = java.util.logging.Logger.getLogger("");
    private final java.util.logging.Level julLevel = jul.getLevel();
    private final java.util.logging.Logger pgjdbc = java.util.logging.Logger.getLogger("org.postgresql");
    private final Handler handler = new Handler() {
      final SimpleFormatter formatter = new SimpleFormatter();

      @Override
      public void publish(LogRecord r) {
        lines.add("JUL " + r.getLevel() + " " + r.getLoggerName() + " " + formatter.format(r));
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };

    LogCapture() {
      LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
      for (ch.qos.logback.classic.Logger l : context.getLoggerList()) {
        levels.put(l.getName(), l.getLevel());
        l.setLevel(Level.TRACE);
      }
      appender.setContext(context);
      appender.start();
      root.addAppender(appender);
      handler.setLevel(java.util.logging.Level.ALL);
      jul.addHandler(handler);
      jul.setLevel(java.util.logging.Level.ALL);
      pgjdbc.setLevel(java.util.logging.Level.ALL);
    }

    @Override
    public void close() {
      root.detachAppender(appender);
      LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
      levels.forEach((name, level) -> context.getLogger(name).setLevel(level));
      jul.removeHandler(handler);
      jul.setLevel(julLevel);
      pgjdbc.setLevel(null);
    }
  }

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

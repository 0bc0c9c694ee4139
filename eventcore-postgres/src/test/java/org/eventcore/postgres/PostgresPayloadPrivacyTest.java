package org.eventcore.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.eventcore.postgres.PgTestSupport.append;
import static org.eventcore.postgres.PgTestSupport.event;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eventcore.runtime.InvalidInputException;
import org.eventcore.runtime.StreamId;
import org.junit.jupiter.api.Test;

/** No event payload, nor a fragment of one, appears in an exception message or a log line above DEBUG. */
class PostgresPayloadPrivacyTest {
  private static final String PERSONAL = "Jane-Doe-1984";

  @Test
  void payloadTheServerRejectsAppearsInNoMessageAndNoLogAboveDebug() {
    List<String> seen = new ArrayList<>();
    try (PostgresEventStore store = PgTestSupport.newStore("privacy");
        LogCapture capture = new LogCapture()) {
      StreamId s = StreamId.of("privacy-" + UUID.randomUUID());
      // JSON the NewEvent check lets through (it starts an object) but PostgreSQL rejects, quoting it in its
      // Detail and Where lines (22P02)
      Throwable t = catchThrowable(() -> store.append(append(Map.of(s, 0L),
          event(s, "Person", "{\"name\": \"" + PERSONAL + "\", \"born\": 19x84}"))));
      assertThat(t).isInstanceOf(InvalidInputException.class).hasMessageContaining("not valid JSON");
      for (Throwable c = t; c != null; c = c.getCause()) {
        seen.add(String.valueOf(c.getMessage()));
      }
      // the embedded server's own log (relayed by io.zonky) is PostgreSQL's, not the library's: the server logs a
      // failing statement with its data unless log_min_error_statement says otherwise (an operator's setting)
      capture.lines.stream().filter(l -> !l.startsWith("DEBUG") && !l.startsWith("TRACE")
          && !l.startsWith("JUL FINE") && !l.startsWith("JUL FINER") && !l.startsWith("JUL FINEST")
          && !l.contains(" io.zonky.")).forEach(seen::add);
    }
    assertThat(seen).isNotEmpty().allSatisfy(text -> assertThat(text).doesNotContain(PERSONAL).doesNotContain("19x84"));
  }
}

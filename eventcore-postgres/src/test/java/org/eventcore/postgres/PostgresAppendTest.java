package org.eventcore.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.eventcore.postgres.PgTestSupport.append;
import static org.eventcore.postgres.PgTestSupport.event;
import static org.eventcore.postgres.PgTestSupport.queryLong;
import static org.eventcore.postgres.PgTestSupport.readAll;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eventcore.postgres.PostgresEventStore;
import org.eventcore.runtime.EventMetadata;
import org.eventcore.runtime.InvalidInputException;
import org.eventcore.runtime.SerializationException;
import org.eventcore.runtime.StoredEvent;
import org.eventcore.runtime.StreamId;
import org.eventcore.runtime.UuidV7;
import org.eventcore.runtime.VersionConflictException;
import org.eventcore.runtime.store.AppendRequest;
import org.eventcore.runtime.store.AppendResult;
import org.eventcore.runtime.store.NewEvent;
import org.eventcore.runtime.store.VersionConflict;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Append and read semantics of the PostgreSQL store, on a real server. */
class PostgresAppendTest {
  private static PostgresEventStore store;
  private static String schema;

  @BeforeAll
  static void open() {
    store = PgTestSupport.newStore("append");
    schema = store.toString().replaceAll(".*schema=([^,]+),.*", "$1");
  }

  @AfterAll
  static void close() {
    store.close();
  }

  private static StreamId stream(String name) {
    return StreamId.of(name + "-" + UUID.randomUUID());
  }

  @Test
  void appendsAndReadsBackInVersionOrder() {
    StreamId s = stream("order");
    NewEvent a = new NewEvent(UuidV7.next(), s, "Placed", "{\"sku\":\"x\",\"qty\":2}",
        EventMetadata.builder().correlationId(UuidV7.next()).causationId(UuidV7.next()).put("user", "ann").build());
    NewEvent b = event(s, 2);
    AppendResult r = store.append(append(Map.of(s, 0L), a, b));
    assertThat(r.streamVersions()).containsEntry(s, 2L);

    List<StoredEvent> events = readAll(store, s);
    assertThat(events).extracting(StoredEvent::version).containsExactly(1L, 2L);
    assertThat(events).extracting(StoredEvent::eventId).containsExactly(a.eventId(), b.eventId());
    StoredEvent first = events.get(0);
    assertThat(first.streamId()).isEqualTo(s);
    assertThat(first.eventType()).isEqualTo("Placed");
    assertThat(first.payload()).isEqualTo("{\"qty\": 2, \"sku\": \"x\"}"); // JSONB normal form
    assertThat(first.metadata()).isEqualTo(a.metadata());
    assertThat(first.recordedAt()).isNotNull();
    assertThat(events.get(1).position()).isGreaterThan(first.position());
    assertThat(first.position().transactionId()).isEqualTo(events.get(1).position().transactionId());

    assertThat(store.append(append(Map.of(s, 2L), event(s, 3))).streamVersions()).containsEntry(s, 3L);
    try (var tail = store.readStream(s, 2)) {
      assertThat(tail.toList()).extracting(StoredEvent::version).containsExactly(3L);
    }
  }

  @Test
  void missingStreamReadsEmptyAtVersionZero() {
    StreamId s = stream("nothing");
    List<StoredEvent> seen = new ArrayList<>();
    assertThat(store.readStreams(List.of(s), seen::add)).containsExactly(Map.entry(s, 0L));
    assertThat(seen).isEmpty();
    assertThat(readAll(store, s)).isEmpty();
  }

  @Test
  void readStreamsReadsSeveralStreamsInRequestOrderWithTheirVersions() {
    StreamId a = stream("a");
    StreamId b = stream("b");
    StreamId missing = stream("missing");
    store.append(append(Map.of(a, 0L, b, 0L), event(a, 1), event(b, 1), event(a, 2)));
    store.append(append(Map.of(b, 1L), event(b, 2), event(b, 3)));
    List<String> seen = new ArrayList<>();
    Map<StreamId, Long> versions = store.readStreams(List.of(b, missing, a),
        e -> seen.add(e.streamId().value().substring(0, 1) + e.version()));
    assertThat(versions).containsExactly(Map.entry(b, 3L), Map.entry(missing, 0L), Map.entry(a, 2L));
    assertThat(seen).containsExactly("b1", "b2", "b3", "a1", "a2");
  }

  @Test
  void multiStreamConflictNamesEveryStaleStreamAndWritesNothing() {
    StreamId a = stream("a");
    StreamId b = stream("b");
    StreamId c = stream("c");
    store.append(append(Map.of(a, 0L, b, 0L, c, 0L), event(a, 1), event(b, 1), event(c, 1)));
    long before = queryLong("SELECT count(*) FROM \"" + schema + "\".events");

    Map<StreamId, Long> expected = new LinkedHashMap<>();
    expected.put(a, 0L); // stale, written
    expected.put(b, 1L); // fresh, written
    expected.put(c, 0L); // stale, read-only participant
    assertThatThrownBy(() -> store.append(append(expected, event(a, 2), event(b, 2))))
        .isInstanceOfSatisfying(VersionConflictException.class, e -> assertThat(e.conflicts())
            .containsExactlyInAnyOrder(new VersionConflict(a, 0, 1), new VersionConflict(c, 0, 1)))
        .hasMessageContaining("expected version 0, actual 1");

    assertThat(queryLong("SELECT count(*) FROM \"" + schema + "\".events")).isEqualTo(before);
    assertThat(store.readStreams(List.of(a, b, c), e -> {}))
        .containsExactly(Map.entry(a, 1L), Map.entry(b, 1L), Map.entry(c, 1L));
  }

  @Test
  void staleReadOnlyParticipantRejectsTheAppend() {
    StreamId written = stream("w");
    StreamId readOnly = stream("r");
    store.append(append(Map.of(readOnly, 0L), event(readOnly, 1)));
    assertThatThrownBy(() -> store.append(append(Map.of(written, 0L, readOnly, 0L), event(written, 1))))
        .isInstanceOfSatisfying(VersionConflictException.class,
            e -> assertThat(e.conflicts()).containsExactly(new VersionConflict(readOnly, 0, 1)));
    assertThat(readAll(store, written)).isEmpty();
  }

  @Test
  void newStreamExpectedAtANonZeroVersionConflictsWithActualZero() {
    StreamId s = stream("new");
    assertThatThrownBy(() -> store.append(append(Map.of(s, 3L), event(s, 1))))
        .isInstanceOfSatisfying(VersionConflictException.class,
            e -> assertThat(e.conflicts()).containsExactly(new VersionConflict(s, 3, 0)));
  }

  @Test
  void appendWithoutEventsChecksVersionsOnly() {
    StreamId s = stream("check");
    store.append(append(Map.of(s, 0L), event(s, 1)));
    assertThat(store.append(new AppendRequest(Map.of(s, 1L), List.of())).streamVersions()).containsEntry(s, 1L);
    assertThatThrownBy(() -> store.append(new AppendRequest(Map.of(s, 0L), List.of())))
        .isInstanceOf(VersionConflictException.class);
  }

  @Test
  void identicalReAppendIsRecognisedAndWritesNothing() {
    StreamId a = stream("a");
    StreamId b = stream("b");
    StreamId readOnly = stream("r");
    AppendRequest request = append(Map.of(a, 0L, b, 0L, readOnly, 0L), event(a, 1), event(b, 1), event(a, 2));
    AppendResult first = store.append(request);
    AppendResult again = store.append(request);
    assertThat(again).isEqualTo(first);
    assertThat(first.streamVersions()).containsEntry(a, 2L).containsEntry(b, 1L).containsEntry(readOnly, 0L);
    assertThat(queryLong("SELECT count(*) FROM \"" + schema + "\".events WHERE stream_id IN (?, ?)", a.value(),
        b.value())).isEqualTo(3);
    // even after the stream moved on, the retry is recognised rather than reported as a conflict
    store.append(append(Map.of(a, 2L), event(a, 3)));
    assertThat(store.append(request)).isEqualTo(first);
  }

  @Test
  void appendReusingSomeStoredEventIdsIsRejected() {
    StreamId s = stream("ids");
    NewEvent stored = event(s, 1);
    store.append(append(Map.of(s, 0L), stored));
    NewEvent fresh = event(s, 2);
    assertThatThrownBy(() -> store.append(append(Map.of(s, 1L), fresh, stored)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("already stored");
    assertThat(readAll(store, s)).hasSize(1);
  }

  @Test
  void invalidJsonPayloadIsRejectedNamingTheEvent() {
    StreamId s = stream("json");
    NewEvent bad = event(s, "Broken", "{\"a\": ");
    assertThatThrownBy(() -> store.append(append(Map.of(s, 0L), event(s, 1), bad)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(bad.eventId().toString())
        .hasMessageContaining("Broken")
        .hasMessageContaining("not valid JSON");
    assertThat(readAll(store, s)).isEmpty();
    assertThat(store.readStreams(List.of(s), e -> {})).containsEntry(s, 0L);
  }

  @Test
  void maliciousStreamIdsAreStoredAndReadBackVerbatim() {
    List<StreamId> ids = List.of(
        StreamId.of("it's; DROP TABLE events; --"),
        StreamId.of("\"quoted\" \\ back\\slash %_* [x]"),
        StreamId.of("x".repeat(255)),
        StreamId.of("日本語-ストリーム-😀-" + UUID.randomUUID()),
        StreamId.of("é".repeat(254) + "😀"));
    for (StreamId id : ids) {
      long v = store.readStreams(List.of(id), e -> {}).get(id);
      store.append(append(Map.of(id, v), event(id, "Odd", "{\"id\": \"" + id.value().replace("\\", "\\\\")
          .replace("\"", "\\\"") + "\"}")));
    }
    for (StreamId id : ids) {
      List<StoredEvent> events = readAll(store, id);
      assertThat(events).isNotEmpty();
      assertThat(events).allSatisfy(e -> assertThat(e.streamId().value()).isEqualTo(id.value()));
      assertThat(queryLong("SELECT count(*) FROM \"" + schema + "\".event_streams WHERE stream_id = ?", id.value()))
          .isEqualTo(1);
    }
    assertThat(queryLong("SELECT count(*) FROM information_schema.tables WHERE table_schema = ?", schema))
        .isGreaterThanOrEqualTo(3);
  }

  @Test
  void corruptMetadataFailsNamingStreamVersionAndType() {
    StreamId s = stream("corrupt");
    store.append(append(Map.of(s, 0L), event(s, 1)));
    PgTestSupport.execute("UPDATE \"" + schema + "\".event_streams SET version = 2 WHERE stream_id = '" + s.value()
        + "'");
    PgTestSupport.execute("INSERT INTO \"" + schema + "\".events (event_id, stream_id, version, event_type,"
        + " event_data, metadata) VALUES ('" + UuidV7.next() + "', '" + s.value() + "', 2, 'Mangled', '{}',"
        + " '{\"custom\": 5}')");
    assertThatThrownBy(() -> readAll(store, s))
        .isInstanceOfSatisfying(SerializationException.class, e -> {
          assertThat(e.streamId()).isEqualTo(s);
          assertThat(e.version()).isEqualTo(2);
          assertThat(e.eventType()).isEqualTo("Mangled");
        })
        .hasMessageContaining(s.value()).hasMessageContaining("version 2").hasMessageContaining("Mangled");
    assertThatThrownBy(() -> store.readStreams(List.of(s), e -> {}))
        .isInstanceOf(SerializationException.class).hasMessageContaining("version 2");
  }

  @Test
  void readsAreStreamedInBatchesOfTheFetchSize() {
    try (PostgresEventStore small = PgTestSupport.newStore("fetch", b -> b.fetchSize(7))) {
      StreamId s = stream("long");
      long v = 0;
      for (int batch = 0; batch < 10; batch++) {
        List<NewEvent> events = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
          events.add(event(s, (int) v + i + 1));
        }
        v = small.append(new AppendRequest(Map.of(s, v), events)).streamVersions().get(s);
      }
      long[] expectedVersion = {1};
      Map<StreamId, Long> versions = small.readStreams(List.of(s), e -> {
        assertThat(e.version()).isEqualTo(expectedVersion[0]);
        expectedVersion[0]++;
      });
      assertThat(versions).containsEntry(s, 500L);
      assertThat(expectedVersion[0]).isEqualTo(501);
      try (var stream = small.readStream(s, 123)) {
        assertThat(stream.next().version()).isEqualTo(124);
        assertThat(stream.toList()).hasSize(376).last().extracting(StoredEvent::version).isEqualTo(500L);
        assertThat(stream.hasNext()).isFalse();
      }
    }
  }

  @Test
  void invalidArgumentsAreRejectedBeforeTouchingTheDatabase() {
    StreamId s = stream("args");
    assertThatThrownBy(() -> store.readStream(s, -1)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(">= 0");
    assertThatThrownBy(() -> store.readStreams(List.of(), e -> {})).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> store.readStreams(List.of(s, s), e -> {})).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> store.append(null)).isInstanceOf(InvalidInputException.class);
  }
}

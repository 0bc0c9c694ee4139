package org.eventcore.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eventcore.runtime.EventMetadata;
import org.eventcore.runtime.InvalidInputException;
import org.eventcore.runtime.StoredEvent;
import org.eventcore.runtime.StreamId;
import org.eventcore.runtime.UuidV7;
import org.eventcore.runtime.VersionConflictException;
import org.eventcore.runtime.store.AppendRequest;
import org.eventcore.runtime.store.AppendResult;
import org.eventcore.runtime.store.EventStore;
import org.eventcore.runtime.store.EventStream;
import org.eventcore.runtime.store.NewEvent;
import org.eventcore.runtime.store.VersionConflict;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link EventStore} must show. Extend it, implement {@link #store()}, and the store is held
 * to the same semantics as the others:
 *
 * <pre>{@code
 * class MyStoreContractTest extends EventStoreContract {
 *   private final MyStore store = new MyStore(...);
 *   protected EventStore store() { return store; }
 * }
 * }</pre>
 *
 * <p>Every test works on its own freshly named streams, so one store may serve the whole class (and a shared
 * database may serve several classes).
 *
 * <p>Longer than 400 lines on purpose: it is one list of independent scenarios, each a few lines, and a store author
 * extends one class to be held to all of them; split suites would each need extending and could be forgotten.
 */
public abstract class EventStoreContract {

  /** The store under test. May return the same instance for every test. */
  protected abstract EventStore store();

  /** A stream id unique to this test run. */
  protected static StreamId stream(String label) {
    return StreamId.of("contract-" + label + "-" + UUID.randomUUID());
  }

  /** A new event with a JSON payload {"n": n}. */
  protected static NewEvent event(StreamId stream, String type, int n) {
    return new NewEvent(UuidV7.next(), stream, type, "{\"n\":" + n + "}", EventMetadata.EMPTY);
  }

  protected final AppendResult append(StreamId stream, long expected, NewEvent... events) {
    return store().append(AppendRequest.single(stream, expected, List.of(events)));
  }

  protected final List<StoredEvent> read(StreamId stream) {
    try (EventStream s = store().readStream(stream)) {
      return s.toList();
    }
  }

  @Test
  void appendedEventIsReadBackWithItsEnvelope() {
    StreamId s = stream("basic");
    EventMetadata md = EventMetadata.builder()
        .correlationId(UuidV7.next()).causationId(UuidV7.next()).put("user", "alice").put("tenant", "t-1").build();
    NewEvent e = new NewEvent(UuidV7.next(), s, "Created", "{\"name\":\"x\",\"tags\":[1,2]}", md);

    AppendResult result = store().append(AppendRequest.single(s, 0, List.of(e)));

    assertThat(result.streamVersions()).containsEntry(s, 1L);
    List<StoredEvent> events = read(s);
    assertThat(events).hasSize(1);
    StoredEvent stored = events.get(0);
    assertThat(stored.eventId()).isEqualTo(e.eventId());
    assertThat(stored.streamId()).isEqualTo(s);
    assertThat(stored.version()).isEqualTo(1);
    assertThat(stored.eventType()).isEqualTo("Created");
    assertThat(JsonText.normalize(stored.payload())).isEqualTo(JsonText.normalize(e.payload()));
    assertThat(stored.metadata()).isEqualTo(md);
    assertThat(stored.recordedAt()).isNotNull();
    assertThat(stored.position()).isNotNull();
  }

  @Test
  void staleExpectedVersionIsRejectedWithStreamExpectedAndActual() {
    StreamId s = stream("stale");
    append(s, 0, event(s, "A", 1));

    assertThatThrownBy(() -> append(s, 0, event(s, "A", 2)))
        .isInstanceOfSatisfying(VersionConflictException.class, e -> {
          assertThat(e.conflicts()).containsExactly(new VersionConflict(s, 0, 1));
          assertThat(e.getMessage()).contains(s.value()).contains("expected version 0").contains("actual 1");
        });
    assertThat(read(s)).hasSize(1);
  }

  @Test
  void expectedVersionAheadOfStreamIsRejected() {
    StreamId s = stream("ahead");
    assertThatThrownBy(() -> append(s, 3, event(s, "A", 1)))
        .isInstanceOfSatisfying(VersionConflictException.class,
            e -> assertThat(e.conflicts()).containsExactly(new VersionConflict(s, 3, 0)));
    assertThat(read(s)).isEmpty();
  }

  @Test
  void staleReadOnlyParticipantRejectsTheWholeAppend() {
    StreamId target = stream("target");
    StreamId participant = stream("participant");
    append(participant, 0, event(participant, "P", 1));

    Map<StreamId, Long> expected = new LinkedHashMap<>();
    expected.put(target, 0L);
    expected.put(participant, 0L);
    assertThatThrownBy(() -> store().append(new AppendRequest(expected, List.of(event(target, "T", 1)))))
        .isInstanceOfSatisfying(VersionConflictException.class,
            e -> assertThat(e.conflicts()).containsExactly(new VersionConflict(participant, 0, 1)));
    assertThat(read(target)).isEmpty();
    assertThat(read(participant)).hasSize(1);
  }

  @Test
  void currentReadOnlyParticipantAllowsTheWrite() {
    StreamId target = stream("target");
    StreamId participant = stream("participant");
    append(participant, 0, event(participant, "P", 1));

    Map<StreamId, Long> expected = new LinkedHashMap<>();
    expected.put(target, 0L);
    expected.put(participant, 1L);
    AppendResult r = store().append(new AppendRequest(expected, List.of(event(target, "T", 1))));

    assertThat(r.streamVersions()).containsEntry(target, 1L).containsEntry(participant, 1L);
    assertThat(read(target)).hasSize(1);
    assertThat(read(participant)).hasSize(1);
  }

  @Test
  void multiStreamAppendIsAtomicAndStreamsAreIsolated() {
    StreamId a = stream("a");
    StreamId b = stream("b");
    Map<StreamId, Long> expected = new LinkedHashMap<>();
    expected.put(a, 0L);
    expected.put(b, 0L);
    NewEvent ea1 = event(a, "A", 1);
    NewEvent eb1 = event(b, "B", 1);
    NewEvent ea2 = event(a, "A", 2);

    AppendResult r = store().append(new AppendRequest(expected, List.of(ea1, eb1, ea2)));

    assertThat(r.streamVersions()).containsEntry(a, 2L).containsEntry(b, 1L);
    assertThat(read(a)).extracting(StoredEvent::eventId).containsExactly(ea1.eventId(), ea2.eventId());
    assertThat(read(a)).extracting(StoredEvent::version).containsExactly(1L, 2L);
    assertThat(read(b)).extracting(StoredEvent::eventId).containsExactly(eb1.eventId());
  }

  @Test
  void multiStreamConflictLeavesEveryStreamUnchangedAndNamesEveryStaleStream() {
    StreamId a = stream("a");
    StreamId b = stream("b");
    StreamId c = stream("c");
    append(a, 0, event(a, "A", 1));
    append(c, 0, event(c, "C", 1));

    Map<StreamId, Long> expected = new LinkedHashMap<>();
    expected.put(a, 0L);
    expected.put(b, 0L);
    expected.put(c, 0L);
    assertThatThrownBy(() -> store().append(
            new AppendRequest(expected, List.of(event(a, "A", 2), event(b, "B", 1), event(c, "C", 2)))))
        .isInstanceOfSatisfying(VersionConflictException.class, e -> assertThat(e.conflicts())
            .containsExactlyInAnyOrder(new VersionConflict(a, 0, 1), new VersionConflict(c, 0, 1)));

    assertThat(read(a)).hasSize(1);
    assertThat(read(b)).isEmpty();
    assertThat(read(c)).hasSize(1);
  }

  @Test
  void missingStreamReadsEmptyAtVersionZero() {
    StreamId s = stream("missing");
    assertThat(read(s)).isEmpty();
    List<StoredEvent> seen = new ArrayList<>();
    Map<StreamId, Long> versions = store().readStreams(List.of(s), seen::add);
    assertThat(versions).containsExactly(Map.entry(s, 0L));
    assertThat(seen).isEmpty();
  }

  @Test
  void eventsKeepVersionOrderAndPositionsGrowWithEachAppend() {
    StreamId s = stream("order");
    for (int i = 0; i < 5; i++) {
      append(s, i * 2L, event(s, "E", i * 2), event(s, "E", i * 2 + 1));
    }
    List<StoredEvent> events = read(s);
    assertThat(events).extracting(StoredEvent::version).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
    assertThat(events).extracting(e -> JsonText.normalize(e.payload()))
        .containsExactly("{\"n\":0}", "{\"n\":1}", "{\"n\":2}", "{\"n\":3}", "{\"n\":4}", "{\"n\":5}",
            "{\"n\":6}", "{\"n\":7}", "{\"n\":8}", "{\"n\":9}");
    for (int i = 1; i < events.size(); i++) {
      assertThat(events.get(i).position()).isGreaterThan(events.get(i - 1).position());
    }
  }

  @Test
  void readStreamsReturnsStreamsInRequestOrderWithTheirVersions() {
    StreamId a = stream("a");
    StreamId b = stream("b");
    StreamId missing = stream("missing");
    append(b, 0, event(b, "B", 1), event(b, "B", 2));
    append(a, 0, event(a, "A", 1));

    List<StoredEvent> seen = new ArrayList<>();
    Map<StreamId, Long> versions = store().readStreams(List.of(a, missing, b), seen::add);

    assertThat(versions).containsExactly(Map.entry(a, 1L), Map.entry(missing, 0L), Map.entry(b, 2L));
    assertThat(seen).extracting(e -> e.streamId().value() + "@" + e.version())
        .containsExactly(a + "@1", b + "@1", b + "@2");
  }

  @Test
  void readStreamsRejectsAnEmptyOrRepeatedList() {
    StreamId s = stream("dup");
    assertThatThrownBy(() -> store().readStreams(List.of(), e -> {}))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("at least one stream");
    assertThatThrownBy(() -> store().readStreams(List.of(s, s), e -> {}))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("twice");
  }

  @Test
  void readStreamsAfterReturnsOnlyEventsAfterEachVersionWithEveryHead() {
    StreamId a = stream("tail-a");
    StreamId b = stream("tail-b");
    StreamId missing = stream("tail-missing");
    append(a, 0, event(a, "A", 1), event(a, "A", 2), event(a, "A", 3));
    append(b, 0, event(b, "B", 1), event(b, "B", 2));
    Map<StreamId, Long> after = new LinkedHashMap<>();
    after.put(b, 1L);
    after.put(missing, 0L);
    after.put(a, 3L);

    List<StoredEvent> seen = new ArrayList<>();
    Map<StreamId, Long> versions = store().readStreamsAfter(after, seen::add);

    assertThat(versions).containsExactly(Map.entry(b, 2L), Map.entry(missing, 0L), Map.entry(a, 3L));
    assertThat(seen).extracting(e -> e.streamId().value() + "@" + e.version()).containsExactly(b + "@2");
  }

  @Test
  void readStreamsAfterAVersionAheadOfTheHeadReadsNothingAndReportsTheHead() {
    StreamId s = stream("tail-ahead");
    append(s, 0, event(s, "E", 1));
    List<StoredEvent> seen = new ArrayList<>();
    assertThat(store().readStreamsAfter(Map.of(s, 5L), seen::add)).containsExactly(Map.entry(s, 1L));
    assertThat(seen).isEmpty();
    assertThatThrownBy(() -> store().readStreamsAfter(Map.of(s, -1L), e -> {}))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining(">= 0");
    assertThatThrownBy(() -> store().readStreamsAfter(Map.of(), e -> {}))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("at least one stream");
  }

  @Test
  void readStreamsAfterReadsALongTailCompletelyInOrder() {
    StreamId s = stream("tail-long");
    int total = 2_500;
    for (int from = 0; from < total; from += 500) {
      NewEvent[] batch = new NewEvent[500];
      for (int i = 0; i < batch.length; i++) {
        batch[i] = event(s, "E", from + i + 1);
      }
      append(s, from, batch);
    }
    List<Long> seen = new ArrayList<>();
    assertThat(store().readStreamsAfter(Map.of(s, 10L), e -> seen.add(e.version())))
        .containsExactly(Map.entry(s, (long) total));
    assertThat(seen).hasSize(total - 10).first().isEqualTo(11L);
    assertThat(seen).isSorted().last().isEqualTo((long) total);
  }

  @Test
  void readStreamAfterAVersionReturnsOnlyLaterEvents() {
    StreamId s = stream("after");
    append(s, 0, event(s, "E", 1), event(s, "E", 2), event(s, "E", 3));
    try (EventStream tail = store().readStream(s, 2)) {
      assertThat(tail.toList()).extracting(StoredEvent::version).containsExactly(3L);
    }
    try (EventStream none = store().readStream(s, 3)) {
      assertThat(none.hasNext()).isFalse();
    }
    assertThatThrownBy(() -> store().readStream(s, -1))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining(">= 0");
  }

  @Test
  void longStreamIsReadCompletelyInOrder() {
    StreamId s = stream("long");
    int total = 2_500;
    int batch = 500;
    for (int from = 0; from < total; from += batch) {
      List<NewEvent> events = new ArrayList<>();
      for (int i = from; i < from + batch; i++) {
        events.add(event(s, "E", i));
      }
      store().append(AppendRequest.single(s, from, events));
    }
    long expectedVersion = 1;
    try (EventStream all = store().readStream(s)) {
      while (all.hasNext()) {
        assertThat(all.next().version()).isEqualTo(expectedVersion++);
      }
    }
    assertThat(expectedVersion - 1).isEqualTo(total);
    AtomicInteger folded = new AtomicInteger();
    assertThat(store().readStreams(List.of(s), e -> folded.incrementAndGet())).containsEntry(s, (long) total);
    assertThat(folded).hasValue(total);
  }

  @Test
  void repeatedAppendOfTheSameEventsIsRecognisedAndWritesNothing() {
    StreamId s = stream("idempotent");
    NewEvent e1 = event(s, "E", 1);
    NewEvent e2 = event(s, "E", 2);
    AppendRequest request = AppendRequest.single(s, 0, List.of(e1, e2));

    AppendResult first = store().append(request);
    AppendResult again = store().append(request);

    assertThat(again.streamVersions()).isEqualTo(first.streamVersions()).containsEntry(s, 2L);
    assertThat(read(s)).extracting(StoredEvent::eventId).containsExactly(e1.eventId(), e2.eventId());
  }

  @Test
  void appendWithoutEventsStillChecksExpectedVersions() {
    StreamId s = stream("empty-append");
    append(s, 0, event(s, "E", 1));
    assertThat(store().append(AppendRequest.single(s, 1, List.of())).streamVersions()).containsEntry(s, 1L);
    assertThatThrownBy(() -> store().append(AppendRequest.single(s, 0, List.of())))
        .isInstanceOf(VersionConflictException.class);
    assertThat(read(s)).hasSize(1);
  }

  @Test
  void unusualStreamIdsAreStoredVerbatim() {
    String suffix = UUID.randomUUID().toString();
    List<StreamId> ids = List.of(
        StreamId.of("o'brien\"; DROP TABLE events; --" + suffix),
        StreamId.of("100%_done\\path/" + suffix),
        StreamId.of("日本語-ストリーム-🚀-" + suffix),
        StreamId.of(suffix + "x".repeat(StreamId.MAX_LENGTH - suffix.length())));
    for (StreamId id : ids) {
      append(id, 0, event(id, "E", 1));
      List<StoredEvent> events = read(id);
      assertThat(events).hasSize(1);
      assertThat(events.get(0).streamId().value()).isEqualTo(id.value());
    }
  }

  @Test
  void concurrentWritersOnOneStreamNeverLoseOrDuplicateAnEvent() throws Exception {
    StreamId s = stream("race");
    int threads = 8;
    int perThread = 25;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    Set<UUID> written = ConcurrentHashMap.newKeySet();
    AtomicInteger conflicts = new AtomicInteger();
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        futures.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < perThread; i++) {
            NewEvent e = event(s, "T" + thread, i);
            while (true) {
              long[] version = new long[1];
              store().readStreams(List.of(s), x -> version[0] = x.version());
              try {
                append(s, version[0], e);
                written.add(e.eventId());
                break;
              } catch (VersionConflictException conflict) {
                conflicts.incrementAndGet();
              }
            }
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : futures) {
        f.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    List<StoredEvent> events = read(s);
    assertThat(events).hasSize(threads * perThread);
    for (int i = 0; i < events.size(); i++) {
      assertThat(events.get(i).version()).isEqualTo(i + 1L);
    }
    Set<UUID> stored = new HashSet<>();
    events.forEach(e -> stored.add(e.eventId()));
    assertThat(stored).isEqualTo(written);
    // every thread's own events stay in the order it wrote them
    Map<String, List<Integer>> perWriter = new LinkedHashMap<>();
    events.forEach(e -> perWriter.computeIfAbsent(e.eventType(), k -> new ArrayList<>())
        .add(Integer.parseInt(JsonText.normalize(e.payload()).replaceAll("\\D", ""))));
    perWriter.values().forEach(ns -> {
      List<Integer> sorted = new ArrayList<>(ns);
      Collections.sort(sorted);
      assertThat(ns).isEqualTo(sorted);
    });
  }
}

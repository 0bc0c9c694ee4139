package org.eventcore.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.eventcore.runtime.EventMetadata;
import org.eventcore.runtime.InvalidInputException;
import org.eventcore.runtime.StoredEvent;
import org.eventcore.runtime.StreamId;
import org.eventcore.runtime.UuidV7;
import org.eventcore.runtime.VersionConflictException;
import org.eventcore.runtime.store.AppendRequest;
import org.eventcore.runtime.store.AppendResult;
import org.eventcore.runtime.store.CommandKey;
import org.eventcore.runtime.store.CommittedCommand;
import org.eventcore.runtime.store.EventStore;
import org.eventcore.runtime.store.NewEvent;
import org.junit.jupiter.api.Test;

/**
 * The idempotency keys every {@link EventStore} must honour: an append with a key commits at most once per key,
 * a repeat writes nothing and returns the command that committed, a key of another command is bad input, and
 * concurrent appends with one key write once. Tests isolate themselves by stream and key prefix, so a shared
 * database may serve them.
 */
public abstract class IdempotencyContract {

  /** The store under test. */
  protected abstract EventStore store();

  private final String run = "idem-" + UUID.randomUUID() + "-";

  private StreamId stream(String label) {
    return StreamId.of(run + label);
  }

  private String key(String label) {
    return run + label;
  }

  private static List<NewEvent> events(StreamId stream, int n) {
    List<NewEvent> events = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      events.add(new NewEvent(UuidV7.next(), stream, "Happened", "{\"n\":" + i + "}", EventMetadata.EMPTY));
    }
    return events;
  }

  private static AppendRequest keyed(String key, String type, Map<StreamId, Long> versions, List<NewEvent> events,
      StreamId... commandStreams) {
    return new AppendRequest(versions, events, new CommandKey(key, type, List.of(commandStreams)));
  }

  private long version(StreamId s) {
    return store().readStreams(List.of(s), e -> {}).get(s);
  }

  @Test
  void aKeyedAppendCommitsOnceAndStoresItsResult() {
    StreamId a = stream("a");
    StreamId b = stream("b");
    List<NewEvent> written = new ArrayList<>(events(a, 2));
    written.addAll(events(b, 1));
    AppendResult first = store().append(keyed(key("k"), "Transfer", Map.of(a, 0L, b, 0L), written, b, a));

    assertThat(first.replayed()).isFalse();
    assertThat(first.streamVersions()).isEqualTo(Map.of(a, 2L, b, 1L));
    CommittedCommand committed = store().committedCommand(key("k")).orElseThrow();
    assertThat(committed.key()).isEqualTo(new CommandKey(key("k"), "Transfer", List.of(a, b)));
    assertThat(committed.streamVersions()).isEqualTo(Map.of(a, 2L, b, 1L));
    assertThat(committed.eventIds()).containsExactlyElementsOf(written.stream().map(NewEvent::eventId).toList());
    assertThat(store().committedCommand(key("unknown"))).isEmpty();
  }

  @Test
  void theSameKeyAgainWritesNothingAndReturnsTheCommittedCommand() {
    StreamId a = stream("a");
    List<NewEvent> first = events(a, 1);
    store().append(keyed(key("k"), "Deposit", Map.of(a, 0L), first, a));

    // a repeat decided anew: other event ids, and an expected version that is stale by now
    AppendResult again = store().append(keyed(key("k"), "Deposit", Map.of(a, 0L), events(a, 1), a));

    assertThat(again.replayed()).isTrue();
    assertThat(again.replayOf().eventIds()).containsExactly(first.get(0).eventId());
    assertThat(again.streamVersions()).isEqualTo(Map.of(a, 1L));
    assertThat(version(a)).isEqualTo(1);
    List<StoredEvent> stored = store().readEvents(again.replayOf().eventIds());
    assertThat(stored).extracting(StoredEvent::eventId).containsExactly(first.get(0).eventId());
    assertThat(JsonText.normalize(stored.get(0).payload())).isEqualTo(JsonText.normalize("{\"n\":0}"));
  }

  @Test
  void theRetryOfTheSameAppendIsItsOwnSuccessNotAReplay() {
    StreamId a = stream("a");
    AppendRequest request = keyed(key("k"), "Deposit", Map.of(a, 0L), events(a, 2), a);
    store().append(request);

    AppendResult retry = store().append(request);

    assertThat(retry.replayed()).isFalse();
    assertThat(retry.streamVersions()).isEqualTo(Map.of(a, 2L));
    assertThat(version(a)).isEqualTo(2);
  }

  @Test
  void aKeyUsedByAnotherCommandIsBadInputAndWritesNothing() {
    StreamId a = stream("a");
    StreamId other = stream("other");
    store().append(keyed(key("k"), "Deposit", Map.of(a, 0L), events(a, 1), a));

    assertThatThrownBy(() -> store().append(keyed(key("k"), "Withdraw", Map.of(a, 1L), events(a, 1), a)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("idempotency key '" + key("k") + "'").hasMessageContaining("Deposit")
        .hasMessageContaining("Withdraw");
    assertThatThrownBy(() -> store().append(keyed(key("k"), "Deposit", Map.of(other, 0L), events(other, 1), other)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("idempotency key '" + key("k") + "'").hasMessageContaining(other.value());
    assertThat(version(a)).isEqualTo(1);
    assertThat(version(other)).isZero();
  }

  @Test
  void aFailedAppendStoresNoKey() {
    StreamId a = stream("a");
    store().append(AppendRequest.single(a, 0, events(a, 1)));

    assertThatThrownBy(() -> store().append(keyed(key("k"), "Deposit", Map.of(a, 0L), events(a, 1), a)))
        .isInstanceOf(VersionConflictException.class);
    assertThat(store().committedCommand(key("k"))).isEmpty();

    AppendResult decidedAgain = store().append(keyed(key("k"), "Deposit", Map.of(a, 1L), events(a, 1), a));
    assertThat(decidedAgain.replayed()).isFalse();
    assertThat(version(a)).isEqualTo(2);
  }

  /** 16 threads append with one key at the same moment, each with events of its own: one writes, 15 replay it. */
  @Test
  void concurrentAppendsWithOneKeyWriteExactlyOnce() throws Exception {
    StreamId a = stream("hot");
    int threads = 16;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<AppendResult>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        List<NewEvent> mine = events(a, 3);
        results.add(pool.submit(() -> {
          start.await();
          return store().append(keyed(key("k"), "Deposit", Map.of(a, 0L), mine, a));
        }));
      }
      start.countDown();
      int written = 0;
      List<List<UUID>> replayedIds = new ArrayList<>();
      for (Future<AppendResult> f : results) {
        AppendResult r = f.get(60, TimeUnit.SECONDS);
        if (r.replayed()) {
          replayedIds.add(r.replayOf().eventIds());
        } else {
          written++;
        }
        assertThat(r.streamVersions()).isEqualTo(Map.of(a, 3L));
      }
      List<UUID> committedIds = store().committedCommand(key("k")).orElseThrow().eventIds();
      assertThat(written).isEqualTo(1);
      assertThat(replayedIds).hasSize(threads - 1).allSatisfy(ids -> assertThat(ids).isEqualTo(committedIds));
      assertThat(version(a)).isEqualTo(3);
      List<UUID> inStream = new ArrayList<>();
      store().readStreams(List.of(a), e -> inStream.add(e.eventId()));
      assertThat(inStream).isEqualTo(committedIds);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void eventsAreReadByIdInTheOrderOfTheIds() {
    StreamId a = stream("a");
    StreamId b = stream("b");
    List<NewEvent> ea = events(a, 2);
    List<NewEvent> eb = events(b, 1);
    store().append(AppendRequest.single(a, 0, ea));
    store().append(AppendRequest.single(b, 0, eb));

    List<StoredEvent> read = store().readEvents(
        List.of(eb.get(0).eventId(), UuidV7.next(), ea.get(1).eventId(), ea.get(0).eventId()));

    assertThat(read).extracting(StoredEvent::eventId)
        .containsExactly(eb.get(0).eventId(), ea.get(1).eventId(), ea.get(0).eventId());
    assertThat(read).extracting(StoredEvent::streamId).containsExactly(b, a, a);
    assertThat(read).extracting(StoredEvent::version).containsExactly(1L, 2L, 1L);
    assertThat(store().readEvents(List.of())).isEmpty();
  }

  @Test
  void badKeysAreRejectedNamingTheRule() {
    String tooLong = "k".repeat(CommandKey.MAX_LENGTH + 1);
    assertThatThrownBy(() -> store().committedCommand("")).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("1.." + CommandKey.MAX_LENGTH);
    assertThatThrownBy(() -> store().committedCommand(tooLong)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("got " + tooLong.length());
    assertThatThrownBy(() -> store().committedCommand("a\u0000b")).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("control characters");
    assertThatThrownBy(() -> store().committedCommand("a\uD800b")).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("unpaired surrogate");
    assertThatThrownBy(() -> store().committedCommand(null)).isInstanceOf(InvalidInputException.class);
    assertThat(store().committedCommand("emoji \uD83D\uDE00 and \u00e9")).isEqualTo(Optional.empty());
    StreamId a = stream("a");
    assertThatThrownBy(() -> new AppendRequest(Map.of(a, 0L), events(a, 1),
        new CommandKey(key("k"), "Deposit", List.of(stream("unread")))))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("unread");
    assertThat(version(a)).isZero();
  }
}

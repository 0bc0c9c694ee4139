package org.eventcore.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eventcore.runtime.EventMetadata;
import org.eventcore.runtime.InvalidInputException;
import org.eventcore.runtime.Position;
import org.eventcore.runtime.StoreException;
import org.eventcore.runtime.StoreOperation;
import org.eventcore.runtime.StoredEvent;
import org.eventcore.runtime.StreamId;
import org.eventcore.runtime.UuidV7;
import org.eventcore.runtime.projection.EventFilter;
import org.eventcore.runtime.projection.Horizon;
import org.eventcore.runtime.projection.Leadership;
import org.eventcore.runtime.projection.ProjectionSource;
import org.eventcore.runtime.store.AppendRequest;
import org.eventcore.runtime.store.EventStore;
import org.eventcore.runtime.store.NewEvent;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link ProjectionSource} must show: global reads, filters, checkpoints, leadership and
 * wake-ups. Tests isolate themselves by stream prefix and projection name, so a shared database may serve them.
 */
public abstract class ProjectionSourceContract {

  /** The store under test; {@link #source()} must return the same object. */
  protected abstract EventStore store();

  protected abstract ProjectionSource source();

  private final String run = "proj-" + UUID.randomUUID() + "-";

  private StreamId stream(String label) {
    return StreamId.of(run + label);
  }

  private EventFilter mine() {
    return EventFilter.all().withStreamPrefix(run);
  }

  private void append(StreamId s, String... types) {
    long version = store().readStreams(List.of(s), e -> {}).get(s);
    List<NewEvent> events = new ArrayList<>();
    for (String t : types) {
      events.add(new NewEvent(UuidV7.next(), s, t, "{}", EventMetadata.EMPTY));
    }
    store().append(AppendRequest.single(s, version, events));
    awaitReadable();
  }

  /**
   * Waits (at most 10 s) until every committed event is readable: a global read only returns events of
   * transactions older than every one still running, and a shared database may have other writers at any moment.
   * Fails naming what holds the horizon back when it does not pass in time.
   */
  private void awaitReadable() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    Horizon h = source().horizon();
    while (h.pendingEvents() > 0 && System.nanoTime() - deadline < 0) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for the horizon", e);
      }
      h = source().horizon();
    }
    assertThat(h.pendingEvents()).as("committed events not yet readable after 10 s, held back by %s", h.blocker())
        .isZero();
  }

  private List<String> describe(List<StoredEvent> events) {
    return events.stream().map(e -> e.streamId().value().substring(run.length()) + ":" + e.eventType()).toList();
  }

  @Test
  void globalReadReturnsEventsInCommitOrderAcrossStreams() {
    append(stream("a"), "A1");
    append(stream("b"), "B1", "B2");
    append(stream("a"), "A2");

    List<StoredEvent> all = source().readAll(Position.START, mine(), 100);

    assertThat(describe(all)).containsExactly("a:A1", "b:B1", "b:B2", "a:A2");
    for (int i = 1; i < all.size(); i++) {
      assertThat(all.get(i).position()).isGreaterThan(all.get(i - 1).position());
    }
  }

  @Test
  void readingAfterAPositionIsExclusiveAndPagesResume() {
    StreamId s = stream("s");
    append(s, "E1", "E2", "E3", "E4", "E5");
    List<StoredEvent> first = source().readAll(Position.START, mine(), 2);
    List<StoredEvent> second = source().readAll(first.get(1).position(), mine(), 2);
    List<StoredEvent> third = source().readAll(second.get(1).position(), mine(), 2);
    List<StoredEvent> rest = source().readAll(third.get(0).position(), mine(), 2);

    assertThat(describe(first)).containsExactly("s:E1", "s:E2");
    assertThat(describe(second)).containsExactly("s:E3", "s:E4");
    assertThat(describe(third)).containsExactly("s:E5");
    assertThat(rest).isEmpty();
  }

  @Test
  void typeFilterAppliesBeforeTheLimit() {
    StreamId s = stream("t");
    String[] noise = new String[50];
    java.util.Arrays.fill(noise, "Noise");
    append(s, noise);
    append(s, "Wanted", "Noise", "Wanted");

    List<StoredEvent> page = source().readAll(Position.START, mine().withEventTypes(Set.of("Wanted")), 10);

    assertThat(describe(page)).containsExactly("t:Wanted", "t:Wanted");
  }

  @Test
  void prefixFilterTreatsPercentAndUnderscoreLiterally() {
    append(stream("acc%_1"), "Hit");
    append(stream("accXY1"), "Miss");
    append(stream("my-acc%_1"), "Miss");

    EventFilter prefix = EventFilter.all().withStreamPrefix(run + "acc%_");
    assertThat(describe(source().readAll(Position.START, prefix, 100))).containsExactly("acc%_1:Hit");
  }

  @Test
  void patternFilterMatchesTheWholeStreamId() {
    append(stream("account-1"), "A");
    append(stream("account-22"), "B");
    append(stream("account-x"), "C");
    append(stream("order-1"), "D");
    append(stream("xaccount-1"), "E");

    assertThat(describe(source().readAll(Position.START, mine().withStreamPattern(run + "account-?"), 100)))
        .containsExactly("account-1:A", "account-x:C");
    assertThat(describe(source().readAll(Position.START, mine().withStreamPattern(run + "account-[0-9]*"), 100)))
        .containsExactly("account-1:A", "account-22:B");
    assertThat(describe(source().readAll(Position.START, mine().withStreamPattern(run + "*-[!0-9]"), 100)))
        .containsExactly("account-x:C");
  }

  @Test
  void badReadArgumentsAreRejected() {
    assertThatThrownBy(() -> source().readAll(Position.START, mine(), 0))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("limit must be 1..10000, got 0");
    assertThatThrownBy(() -> source().readAll(null, mine(), 1)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> EventFilter.all().withStreamPattern("account-[0-9"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("unclosed '['");
  }

  @Test
  void checkpointsAreSavedPerProjectionAndOverwritten() {
    String a = run + "projection-a";
    String b = run + "projection-b";
    assertThat(source().checkpoint(a)).isEmpty();
    try (Leadership la = source().tryLead(a).orElseThrow(); Leadership lb = source().tryLead(b).orElseThrow()) {
      la.saveCheckpoint(new Position(5, 10));
      lb.saveCheckpoint(new Position(7, 20));
      la.saveCheckpoint(new Position(6, 11));
    }
    assertThat(source().checkpoint(a)).contains(new Position(6, 11));
    assertThat(source().checkpoint(b)).contains(new Position(7, 20));
  }

  @Test
  void onlyOneRunnerLeadsAProjectionAtATime() {
    String name = run + "exclusive";
    Optional<Leadership> first = source().tryLead(name);
    assertThat(first).isPresent();
    assertThat(source().tryLead(name)).isEmpty();
    assertThat(source().tryLead(run + "other")).isPresent().get().satisfies(Leadership::close);
    first.get().close();
    Optional<Leadership> second = source().tryLead(name);
    assertThat(second).isPresent();
    assertThat(second.get().fencingToken()).isGreaterThan(first.get().fencingToken());
    second.get().close();
  }

  @Test
  void aDeposedLeaderCannotSaveACheckpoint() {
    String name = run + "fenced";
    Leadership old = source().tryLead(name).orElseThrow();
    old.saveCheckpoint(new Position(1, 1));
    old.close();
    try (Leadership current = source().tryLead(name).orElseThrow()) {
      current.saveCheckpoint(new Position(2, 2));
      assertThatThrownBy(() -> old.saveCheckpoint(new Position(9, 9)))
          .isInstanceOfSatisfying(StoreException.class,
              e -> assertThat(e.operation()).isEqualTo(StoreOperation.LEADERSHIP));
      assertThat(old.isHeld()).isFalse();
      assertThat(current.isHeld()).isTrue();
    }
    assertThat(source().checkpoint(name)).contains(new Position(2, 2));
  }

  @Test
  void aProjectionThatLedButNeverSavedHasNoCheckpoint() {
    String name = run + "never-saved";
    try (Leadership lead = source().tryLead(name).orElseThrow()) {
      assertThat(lead.isHeld()).isTrue();
      assertThat(lead.projection()).isEqualTo(name);
    }
    assertThat(source().checkpoint(name)).isEmpty();
  }

  @Test
  void fencingTokensGrowWithEveryLeadershipAndAClosedOneIsNotHeld() {
    String name = run + "tokens";
    long previous = 0;
    for (int i = 0; i < 3; i++) {
      Leadership lead = source().tryLead(name).orElseThrow();
      assertThat(lead.fencingToken()).isGreaterThan(previous);
      previous = lead.fencingToken();
      lead.saveCheckpoint(new Position(1, i + 1));
      lead.close();
      assertThat(lead.isHeld()).isFalse();
    }
    assertThat(source().checkpoint(name)).contains(new Position(1, 3));
  }

  @Test
  void badProjectionNamesAreRejected() {
    assertThatThrownBy(() -> source().tryLead(" ")).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("projection name must be 1..200 characters");
    assertThatThrownBy(() -> source().checkpoint("x".repeat(201))).isInstanceOf(InvalidInputException.class);
  }

  @Test
  void appendsWakeUpListeners() throws Exception {
    CountDownLatch woken = new CountDownLatch(1);
    try (AutoCloseable subscription = source().onAppend(woken::countDown)) {
      assertThat(subscription).isNotNull();
      append(stream("wake"), "E");
      assertThat(woken.await(10, TimeUnit.SECONDS)).as("woken within 10 s").isTrue();
    }
  }

  @Test
  void horizonReachesTheNewestCommittedEventWhenNothingIsRunning() {
    append(stream("h"), "E");
    List<StoredEvent> mineNow = source().readAll(Position.START, mine(), 10);
    assertThat(source().horizon().newest()).isGreaterThanOrEqualTo(mineNow.get(mineNow.size() - 1).position());
  }
}

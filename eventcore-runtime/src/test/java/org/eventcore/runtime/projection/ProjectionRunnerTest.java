package org.eventcore.runtime.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eventcore.runtime.EventMetadata;
import org.eventcore.runtime.InvalidInputException;
import org.eventcore.runtime.ProjectionException;
import org.eventcore.runtime.StoreException;
import org.eventcore.runtime.StoredEvent;
import org.eventcore.runtime.StreamId;
import org.eventcore.runtime.UuidV7;
import org.eventcore.runtime.memory.InMemoryEventStore;
import org.eventcore.runtime.store.AppendRequest;
import org.eventcore.runtime.store.NewEvent;
import org.junit.jupiter.api.Test;

class ProjectionRunnerTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private final InMemoryEventStore store = new InMemoryEventStore();
  private final ProjectionOptions fast = ProjectionOptions.defaults()
      .withBatchSize(7).withPollInterval(Duration.ofMillis(50)).withStandbyInterval(Duration.ofMillis(20));

  private void append(String stream, String... types) {
    StreamId s = StreamId.of(stream);
    long v = store.readStreams(List.of(s), e -> {}).get(s);
    List<NewEvent> events = new ArrayList<>();
    for (String t : types) {
      events.add(new NewEvent(UuidV7.next(), s, t, "{}", EventMetadata.EMPTY));
    }
    store.append(AppendRequest.single(s, v, events));
  }

  /** Bounded wait on the runner's status: fails after {@link #WAIT}. */
  private static void awaitState(ProjectionRunner<?> runner, ProjectionRunner.State expected)
      throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (runner.status().state() != expected) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("runner '" + runner.name() + "' not " + expected + " after " + WAIT + ": "
            + runner.status());
      }
      Thread.sleep(5);
    }
  }

  private void ticks(int n) {
    for (int i = 0; i < n; i++) {
      append("clock-" + (i % 3), i % 2 == 0 ? "Tick" : "Tock", "Other");
    }
  }

  @Test
  void runOnceCatchesUpOverManyPagesInOrderAndCheckpoints() {
    ticks(50);
    TallyProjection p = new TallyProjection();

    ProjectionRunner.CatchUp result = new ProjectionRunner<>(store, p, fast).runOnce();

    assertThat(result.events()).isEqualTo(50);
    assertThat(p.seen).hasSize(50).allSatisfy(e -> assertThat(e.eventType()).isIn("Tick", "Tock"));
    for (int i = 1; i < p.seen.size(); i++) {
      assertThat(p.seen.get(i).position()).isGreaterThan(p.seen.get(i - 1).position());
    }
    assertThat(store.checkpoint("tally")).contains(p.seen.get(49).position());
    assertThat(result.checkpoint()).contains(p.seen.get(49).position());
  }

  @Test
  void aNewRunnerResumesFromTheCheckpoint() {
    ticks(20);
    new ProjectionRunner<>(store, new TallyProjection(), fast).runOnce();
    ticks(10);
    TallyProjection second = new TallyProjection();

    assertThat(new ProjectionRunner<>(store, second, fast).runOnce().events()).isEqualTo(10);
    assertThat(second.seen).hasSize(10);
  }

  @Test
  void stopPolicyStopsAtThePoisonEventAndKeepsTheCheckpointBeforeIt() {
    ticks(30);
    TallyProjection p = new TallyProjection();
    p.failOn = e -> e.streamId().value().equals("clock-1") && e.version() == 5;
    ProjectionRunner<TallyProjection> runner = new ProjectionRunner<>(store, p, fast);

    assertThatThrownBy(runner::runOnce).isInstanceOfSatisfying(ProjectionException.class, e -> {
      assertThat(e.projection()).isEqualTo("tally");
      assertThat(e.event().streamId().value()).isEqualTo("clock-1");
      assertThat(e.event().version()).isEqualTo(5);
      assertThat(e.getMessage()).contains("stream 'clock-1' version 5").contains("cannot handle");
    });
    assertThat(runner.status().state()).isEqualTo(ProjectionRunner.State.FAILED);
    StoredEvent poison = runner.status().failure().map(t -> ((ProjectionException) t).event()).orElseThrow();
    assertThat(store.checkpoint("tally")).hasValueSatisfying(c -> assertThat(c).isLessThan(poison.position()));

    p.failOn = e -> false;
    TallyProjection fixed = new TallyProjection();
    new ProjectionRunner<>(store, fixed, fast).runOnce();
    assertThat(fixed.seen).extracting(StoredEvent::eventId).contains(poison.eventId());
  }

  @Test
  void skipPolicyLogsCountsAndMovesOn() {
    ticks(20);
    TallyProjection p = new TallyProjection();
    p.failOn = e -> e.eventType().equals("Tock");
    ProjectionRunner<TallyProjection> runner =
        new ProjectionRunner<>(store, p, fast.withErrorPolicy(ErrorPolicy.skip()));

    runner.runOnce();

    assertThat(p.seen).hasSize(10).allSatisfy(e -> assertThat(e.eventType()).isEqualTo("Tick"));
    assertThat(runner.status().errors()).isEqualTo(10);
    assertThat(runner.status().eventsProcessed()).isEqualTo(20);
  }

  @Test
  void aHandlerThrowingInvalidInputIsSkippedUnderSkipPolicy() {
    ticks(20);
    TallyProjection p = new TallyProjection();
    p.failOn = e -> e.eventType().equals("Tock");
    p.failure = InvalidInputException::new;
    ProjectionRunner<TallyProjection> runner =
        new ProjectionRunner<>(store, p, fast.withErrorPolicy(ErrorPolicy.skip()));

    runner.runOnce();

    assertThat(p.seen).hasSize(10).allSatisfy(e -> assertThat(e.eventType()).isEqualTo("Tick"));
    assertThat(runner.status().errors()).isEqualTo(10);
    assertThat(runner.status().state()).isEqualTo(ProjectionRunner.State.STOPPED);
  }

  @Test
  void aHandlerThrowingInvalidInputStopsWithAProjectionExceptionNamingTheEvent() {
    ticks(10);
    TallyProjection p = new TallyProjection();
    p.failOn = e -> e.streamId().value().equals("clock-1") && e.version() == 3;
    p.failure = InvalidInputException::new;
    ProjectionRunner<TallyProjection> runner = new ProjectionRunner<>(store, p, fast);

    assertThatThrownBy(runner::runOnce).isInstanceOfSatisfying(ProjectionException.class, e -> {
      assertThat(e.event().streamId().value()).isEqualTo("clock-1");
      assertThat(e.event().version()).isEqualTo(3);
      assertThat(e.getCause()).isInstanceOf(InvalidInputException.class);
      assertThat(e.getMessage()).contains("stream 'clock-1' version 3");
    });
    assertThat(runner.status().state()).isEqualTo(ProjectionRunner.State.FAILED);
  }

  @Test
  void retryPolicyRetriesTheSameEventThenSucceedsInOrder() {
    ticks(10);
    TallyProjection p = new TallyProjection();
    p.failOn = e -> e.streamId().value().equals("clock-2") && e.version() == 1;
    p.failuresLeft = 2;
    ProjectionRunner<TallyProjection> runner = new ProjectionRunner<>(store, p,
        fast.withErrorPolicy(ErrorPolicy.retry(3, Duration.ofMillis(1), Duration.ofMillis(5))));

    runner.runOnce();

    assertThat(p.seen).hasSize(10);
    assertThat(runner.status().errors()).isEqualTo(2);
    for (int i = 1; i < p.seen.size(); i++) {
      assertThat(p.seen.get(i).position()).isGreaterThan(p.seen.get(i - 1).position());
    }
  }

  @Test
  void retryPolicyStopsWhenAttemptsRunOut() {
    ticks(5);
    TallyProjection p = new TallyProjection();
    p.failOn = e -> e.eventType().equals("Tock");
    ProjectionRunner<TallyProjection> runner = new ProjectionRunner<>(store, p,
        fast.withErrorPolicy(ErrorPolicy.retry(3, Duration.ofMillis(1), Duration.ofMillis(2))));

    assertThatThrownBy(runner::runOnce).isInstanceOf(ProjectionException.class).hasMessageContaining("after 3 attempts");
  }

  @Test
  void continuousModeReportsFailedWithTheFailureWhenThePolicyStops() throws Exception {
    ticks(10);
    TallyProjection p = new TallyProjection();
    p.failOn = e -> e.version() == 3;
    ProjectionRunner<TallyProjection> runner = new ProjectionRunner<>(store, p, fast).start();
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (runner.status().state() != ProjectionRunner.State.FAILED && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(runner.status().state()).isEqualTo(ProjectionRunner.State.FAILED);
    assertThat(runner.status().failure()).containsInstanceOf(ProjectionException.class);
    runner.stop();
  }

  @Test
  void stopDoesNotWaitOutTheRetriesOfAFailingEvent() throws Exception {
    ticks(10);
    TallyProjection p = new TallyProjection();
    p.failOn = e -> e.version() == 3;
    // retried for hours: stop() must end the runner without them, and leave the checkpoint before the event
    ProjectionRunner<TallyProjection> runner = new ProjectionRunner<>(store, p,
        fast.withErrorPolicy(ErrorPolicy.retry(10_000, Duration.ofSeconds(1), Duration.ofSeconds(1)))).start();
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (runner.status().errors() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(runner.status().errors()).isPositive();
    runner.stop();
    assertThat(runner.status().state()).isEqualTo(ProjectionRunner.State.STOPPED);
    assertThat(p.seen).isNotEmpty().noneMatch(e -> e.version() == 3);
    assertThat(store.checkpoint("tally")).contains(p.seen.get(p.seen.size() - 1).position());
  }

  @Test
  void continuousModeFollowsNewEventsAndStopsCleanly() throws Exception {
    ticks(5);
    TallyProjection p = new TallyProjection();
    ProjectionRunner<TallyProjection> runner = new ProjectionRunner<>(store, p, fast).start();
    assertThat(runner.awaitCaughtUp(WAIT)).isTrue();
    assertThat(p.seen).hasSize(5);

    ticks(12);
    assertThat(runner.awaitCaughtUp(WAIT)).isTrue();
    assertThat(p.seen).hasSize(17);
    assertThat(runner.status().state()).isEqualTo(ProjectionRunner.State.LEADING);

    runner.stop();
    assertThat(runner.status().state()).isEqualTo(ProjectionRunner.State.STOPPED);
    assertThat(store.checkpoint("tally")).contains(p.seen.get(16).position());
  }

  @Test
  void aStandbyTakesOverWhenTheLeaderStopsAndNothingIsHandledTwice() throws Exception {
    TallyProjection first = new TallyProjection();
    TallyProjection second = new TallyProjection();
    ProjectionRunner<TallyProjection> leader = new ProjectionRunner<>(store, first, fast).start();
    ticks(10);
    assertThat(leader.awaitCaughtUp(WAIT)).isTrue();
    ProjectionRunner<TallyProjection> standby = new ProjectionRunner<>(store, second, fast).start();
    awaitState(standby, ProjectionRunner.State.STANDBY);
    assertThat(standby.status().state()).isEqualTo(ProjectionRunner.State.STANDBY);
    assertThat(leader.status().state()).isEqualTo(ProjectionRunner.State.LEADING);

    leader.stop();
    ticks(10);
    assertThat(standby.awaitCaughtUp(WAIT)).isTrue();
    standby.stop();

    Set<UUID> ids = new HashSet<>();
    first.seen.forEach(e -> assertThat(ids.add(e.eventId())).isTrue());
    second.seen.forEach(e -> assertThat(ids.add(e.eventId())).isTrue());
    assertThat(ids).hasSize(20);
    assertThat(second.seen).hasSize(10);
  }

  @Test
  void aHandlerFailureInContinuousModeStopsTheRunnerAsFailed() throws Exception {
    ticks(4);
    TallyProjection p = new TallyProjection();
    p.failOn = e -> e.eventType().equals("Tock");
    ProjectionRunner<TallyProjection> runner = new ProjectionRunner<>(store, p, fast).start();

    awaitState(runner, ProjectionRunner.State.FAILED);

    assertThat(runner.status().failure()).containsInstanceOf(ProjectionException.class);
    assertThat(runner.awaitCaughtUp(WAIT)).isFalse();
    runner.close();
  }

  @Test
  void stopOnShutdownIsAnOptInThatCloseUndoes() throws Exception {
    ticks(2);
    ProjectionRunner<TallyProjection> runner = new ProjectionRunner<>(store, new TallyProjection(), fast);
    assertThat(runner.stopOnShutdown()).isSameAs(runner).isSameAs(runner.stopOnShutdown());
    runner.start();
    assertThat(runner.awaitCaughtUp(WAIT)).isTrue();

    runner.close();

    assertThat(runner.status().state()).isEqualTo(ProjectionRunner.State.STOPPED);
    runner.close();
  }

  @Test
  void runOnceGivesUpWhenAnotherRunnerKeepsTheLead() {
    try (Leadership held = store.tryLead("tally").orElseThrow()) {
      assertThat(held.isHeld()).isTrue();
      ProjectionRunner<TallyProjection> runner = new ProjectionRunner<>(store, new TallyProjection(),
          fast.withLeadershipWait(Duration.ofMillis(100)));
      assertThatThrownBy(runner::runOnce).isInstanceOf(StoreException.class)
          .hasMessageContaining("projection 'tally' is led by another runner");
    }
  }

  @Test
  void transactionalRunsNeedAStoreWithTransactions() {
    ticks(1);
    ProjectionRunner<TallyProjection> runner =
        new ProjectionRunner<>(store, new TallyProjection(), fast.withTransactional(true));
    assertThatThrownBy(runner::runOnce).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("in-memory store has no transactions");
  }

  @Test
  void extraStreamFiltersNarrowWhatTheProjectionSees() {
    ticks(9);
    TallyProjection p = new TallyProjection();
    new ProjectionRunner<>(store, p, fast.withFilter(EventFilter.all().withStreamPrefix("clock-0"))).runOnce();
    assertThat(p.seen).hasSize(3).allSatisfy(e -> assertThat(e.streamId().value()).isEqualTo("clock-0"));
  }

  @Test
  void metricsCountEventsErrorsAndLeadership() {
    ticks(6);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    TallyProjection p = new TallyProjection();
    p.failOn = e -> e.version() == 1 && e.streamId().value().equals("clock-0");
    ProjectionRunner<TallyProjection> runner = new ProjectionRunner<>(store, p,
        fast.withErrorPolicy(ErrorPolicy.skip()).withMeterRegistry(registry));
    runner.runOnce();

    assertThat(registry.get("eventcore.projection.events").tag("projection", "tally").counter().count()).isEqualTo(5);
    assertThat(registry.get("eventcore.projection.errors").tag("action", "skip").counter().count()).isEqualTo(1);
    assertThat(registry.get("eventcore.projection.lag.events").gauge().value()).isGreaterThanOrEqualTo(0);
  }

  @Test
  void optionsRejectBadValues() {
    assertThatThrownBy(() -> fast.withBatchSize(0)).hasMessageContaining("batchSize must be 1..10000, got 0");
    assertThatThrownBy(() -> fast.withPollInterval(Duration.ZERO)).hasMessageContaining("pollInterval must be > 0");
    assertThatThrownBy(() -> ErrorPolicy.retry(0, Duration.ZERO, Duration.ZERO)).hasMessageContaining("maxAttempts");
  }
}

package org.eventcore.examples.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.eventcore.examples.orders.ShopEvent.CreditGranted;
import org.eventcore.examples.orders.ShopEvent.CustomerCharged;
import org.eventcore.examples.orders.ShopEvent.OrderPlaced;
import org.eventcore.runtime.CommandRejectedException;
import org.eventcore.runtime.ConcurrencyConflictException;
import org.eventcore.runtime.EventMetadata;
import org.eventcore.runtime.InvalidInputException;
import org.eventcore.runtime.SerializationException;
import org.eventcore.runtime.StoredEvent;
import org.eventcore.runtime.StreamId;
import org.eventcore.runtime.UuidV7;
import org.eventcore.runtime.codec.EventCodec;
import org.eventcore.runtime.codec.EventCodecs;
import org.eventcore.runtime.command.CommandExecutor;
import org.eventcore.runtime.command.ConflictRetryPolicy;
import org.eventcore.runtime.command.ExecutionResult;
import org.eventcore.runtime.memory.InMemoryEventStore;
import org.eventcore.runtime.store.AppendRequest;
import org.eventcore.runtime.store.EventStore;
import org.eventcore.runtime.store.NewEvent;
import org.eventcore.testing.InterferingEventStore;
import org.junit.jupiter.api.Test;

class CommandExecutorTest {
  private static final ConflictRetryPolicy FAST =
      ConflictRetryPolicy.defaults().withBackoff(Duration.ofMillis(1), Duration.ofMillis(2));
  private final EventCodec<ShopEvent> codec = EventCodecs.of(ShopEvent.class);
  private final InMemoryEventStore memory = new InMemoryEventStore();
  private final InterferingEventStore store = new InterferingEventStore(memory);
  private final CommandExecutor executor = new CommandExecutor(store, FAST);
  private final StreamId customer = StreamId.of("customer-" + UUID.randomUUID());
  private final StreamId order = StreamId.of("order-" + UUID.randomUUID());

  /** What a competing process writes: a raw append of one event at the stream's current version. */
  private void write(EventStore target, ShopEvent event) {
    StreamId stream = codec.streamId(event);
    long version = target.readStreams(List.of(stream), e -> {}).get(stream);
    target.append(AppendRequest.single(stream, version, List.of(new NewEvent(UuidV7.next(), stream,
        codec.typeName(event), codec.encode(event), EventMetadata.EMPTY))));
  }

  private List<StoredEvent> stored(StreamId stream) {
    try (var s = memory.readStream(stream)) {
      return s.toList();
    }
  }

  @Test
  void aConflictMakesTheCommandReReadAndSucceedOnTheSecondAttempt() {
    executor.execute(new GrantCredit(customer, 100));
    store.interfere(1, s -> write(s, new CreditGranted(customer, 5)));

    ExecutionResult r = executor.execute(new GrantCredit(customer, 10));

    assertThat(r.attempts()).isEqualTo(2);
    assertThat(r.versionOf(customer)).isEqualTo(3);
    assertThat(stored(customer)).extracting(StoredEvent::version).containsExactly(1L, 2L, 3L);
  }

  @Test
  void aStaleReadOnlyParticipantForcesANewDecision() {
    executor.execute(new GrantCredit(customer, 100));
    // between PlaceOrder's read and its append, the customer's credit is spent elsewhere
    store.interfere(1, s -> write(s, new CustomerCharged(customer, StreamId.of("order-x"), 80)));

    assertThatThrownBy(() -> executor.execute(new PlaceOrder(order, customer, 50)))
        .isInstanceOf(CommandRejectedException.class)
        .hasMessage("customer " + customer + " has credit 20, order needs 50");
    assertThat(store.appendAttempts()).isEqualTo(2);
    assertThat(stored(order)).isEmpty();
  }

  @Test
  void aCurrentReadOnlyParticipantIsCheckedButNotWritten() {
    executor.execute(new GrantCredit(customer, 100));
    ExecutionResult r = executor.execute(new PlaceOrder(order, customer, 60));
    assertThat(r.streamVersions()).containsEntry(order, 1L).containsEntry(customer, 1L);
    assertThat(stored(customer)).hasSize(1);
  }

  @Test
  void persistentConflictsEndInConcurrencyConflictAfterMaxAttemptsWithNothingWritten() {
    CommandExecutor threeTries = new CommandExecutor(store, FAST.withMaxAttempts(3));
    store.interfere(10, s -> write(s, new CreditGranted(customer, 1)));

    assertThatThrownBy(() -> threeTries.execute(new GrantCredit(customer, 1000)))
        .isInstanceOfSatisfying(ConcurrencyConflictException.class, e -> {
          assertThat(e.attempts()).isEqualTo(3);
          assertThat(e.commandType()).isEqualTo("GrantCredit");
          assertThat(e.lastConflict().conflicts()).singleElement()
              .satisfies(c -> assertThat(c.streamId()).isEqualTo(customer));
        });
    assertThat(stored(customer)).hasSize(3)
        .allSatisfy(e -> assertThat(e.payload()).doesNotContain("1000"));
  }

  @Test
  void businessRejectionsAreNeverRetried() {
    assertThatThrownBy(() -> executor.execute(new PlaceOrder(order, customer, 1)))
        .isInstanceOf(CommandRejectedException.class).hasMessageContaining("has credit 0, order needs 1");
    assertThat(store.appendAttempts()).isZero();
  }

  @Test
  void discoveredStreamsAreReadCheckedAndWritable() {
    executor.execute(new GrantCredit(customer, 100));
    executor.execute(new PlaceOrder(order, customer, 70));

    ExecutionResult paid = executor.execute(new PayOrder(order));

    assertThat(paid.streamVersions()).containsEntry(order, 2L).containsEntry(customer, 2L);
    assertThat(paid.events(ShopEvent.class)).hasSize(2);
    assertThatThrownBy(() -> executor.execute(new PayOrder(order)))
        .isInstanceOf(CommandRejectedException.class).hasMessageContaining("is already paid");
  }

  @Test
  void aConflictOnADiscoveredStreamIsRetriedWithAFreshRead() {
    executor.execute(new GrantCredit(customer, 100));
    executor.execute(new PlaceOrder(order, customer, 70));
    store.interfere(1, s -> write(s, new CustomerCharged(customer, StreamId.of("order-y"), 50)));

    assertThatThrownBy(() -> executor.execute(new PayOrder(order)))
        .isInstanceOf(CommandRejectedException.class).hasMessageContaining("has credit 50, order needs 70");
    assertThat(stored(order)).hasSize(1);
  }

  @Test
  void metadataIsStoredWithEveryEventOfTheExecution() {
    executor.execute(new GrantCredit(customer, 100));
    executor.execute(new PlaceOrder(order, customer, 70));
    UUID correlation = UuidV7.next();
    UUID causation = UuidV7.next();

    executor.execute(new PayOrder(order),
        EventMetadata.builder().correlationId(correlation).causationId(causation).put("user", "ann").build());

    StoredEvent charged = stored(customer).get(1);
    StoredEvent paid = stored(order).get(1);
    for (StoredEvent e : List.of(charged, paid)) {
      assertThat(e.metadata().correlationId()).isEqualTo(correlation);
      assertThat(e.metadata().causationId()).isEqualTo(causation);
      assertThat(e.metadata().custom()).containsEntry("user", "ann");
    }
  }

  @Test
  void withoutMetadataEachExecutionGetsItsOwnCorrelationId() {
    executor.execute(new GrantCredit(customer, 1));
    executor.execute(new GrantCredit(customer, 2));
    List<StoredEvent> events = stored(customer);
    assertThat(events).allSatisfy(e -> assertThat(e.metadata().correlationId()).isNotNull());
    assertThat(events.get(0).metadata().correlationId()).isNotEqualTo(events.get(1).metadata().correlationId());
  }

  @Test
  void anEventForAStreamTheCommandDidNotReadIsRejectedAndNothingIsWritten() {
    StreamId elsewhere = StreamId.of("order-elsewhere-" + UUID.randomUUID());
    assertThatThrownBy(() -> executor.execute(new Misroute(order, elsewhere)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("command Misroute emitted OrderPaid for stream '" + elsewhere + "', which it did not read");
    assertThat(memory.size()).isZero();
  }

  @Test
  void collectionStreamComponentsAreReadInOrderWithoutDuplicates() {
    executor.execute(new GrantCredit(customer, 1));
    ExecutionResult r = executor.execute(new Audit(List.of(customer, order, customer)));
    assertThat(r.events()).isEmpty();
    assertThat(r.streamVersions()).containsOnlyKeys(customer, order);
    assertThatThrownBy(() -> executor.execute(new Audit(List.of())))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("names no stream: its @Stream collections are empty");
  }

  @Test
  void aCorruptStoredEventFailsNamingStreamVersionAndType() {
    memory.append(AppendRequest.single(order, 0, List.of(new NewEvent(UuidV7.next(), order, "OrderPlaced",
        "{\"order\":\"" + order + "\",\"customer\":\"c\",\"totalCents\":\"lots\"}", EventMetadata.EMPTY))));

    assertThatThrownBy(() -> executor.execute(new PayOrder(order)))
        .isInstanceOfSatisfying(SerializationException.class, e -> {
          assertThat(e.streamId()).isEqualTo(order);
          assertThat(e.version()).isEqualTo(1);
          assertThat(e.eventType()).isEqualTo("OrderPlaced");
          assertThat(e.getMessage()).contains("totalCents");
        });
  }

  @Test
  void badCallsFailWithTypedErrors() {
    assertThatThrownBy(() -> executor.execute(null))
        .isInstanceOf(InvalidInputException.class).hasMessage("command must not be null");
    assertThatThrownBy(() -> executor.execute("not a command"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("no generated CommandBinding for java.lang.String");
  }

  @Test
  void metricsCountOutcomesAndAttemptsWhenARegistryIsGiven() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    CommandExecutor measured = CommandExecutor.builder(store).retryPolicy(FAST).meterRegistry(registry).build();
    measured.execute(new GrantCredit(customer, 10));
    store.interfere(1, s -> write(s, new CreditGranted(customer, 5)));
    measured.execute(new GrantCredit(customer, 10));
    assertThatThrownBy(() -> measured.execute(new PlaceOrder(order, customer, 1_000)))
        .isInstanceOf(CommandRejectedException.class);

    assertThat(registry.get("eventcore.command.executions").tag("command", "GrantCredit")
        .tag("outcome", "success").timer().count()).isEqualTo(2);
    assertThat(registry.get("eventcore.command.executions").tag("outcome", "rejected").timer().count())
        .isEqualTo(1);
    assertThat(registry.get("eventcore.command.attempts").tag("command", "GrantCredit").summary().totalAmount())
        .isEqualTo(3);
  }

  @Test
  void decodedStoredEventsMatchWhatWasWritten() {
    executor.execute(new GrantCredit(customer, 100));
    executor.execute(new PlaceOrder(order, customer, 70));
    StoredEvent e = stored(order).get(0);
    assertThat(codec.decode(e.eventType(), e.payload())).isEqualTo(new OrderPlaced(order, customer, 70));
  }
}

package org.eventcore.examples.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.eventcore.examples.bank.BankEvent;
import org.eventcore.examples.bank.Deposit;
import org.eventcore.examples.bank.OpenAccount;
import org.eventcore.examples.bank.Transfer;
import org.eventcore.examples.bank.Withdraw;
import org.eventcore.examples.codec.Projections.BankAndTills;
import org.eventcore.examples.codec.Projections.Ledger;
import org.eventcore.examples.codec.Projections.Seen;
import org.eventcore.examples.codec.Projections.TillEvent;
import org.eventcore.runtime.ProjectionException;
import org.eventcore.runtime.SerializationException;
import org.eventcore.runtime.StoredEvent;
import org.eventcore.runtime.StreamId;
import org.eventcore.runtime.UuidV7;
import org.eventcore.runtime.command.CommandExecutor;
import org.eventcore.runtime.memory.InMemoryEventStore;
import org.eventcore.runtime.projection.ProjectionBinding;
import org.eventcore.runtime.projection.ProjectionBindings;
import org.eventcore.runtime.projection.ProjectionRunner;
import org.eventcore.runtime.store.AppendRequest;
import org.eventcore.runtime.store.NewEvent;
import org.junit.jupiter.api.Test;

/** Behaviour of generated projection bindings, fed by a runner from an in-memory store. */
class GeneratedProjectionTest {
  private static final StreamId ANN = StreamId.of("account-ann");
  private static final StreamId BOB = StreamId.of("account-bob");
  private static final StreamId TILL = StreamId.of("till-1");

  private final InMemoryEventStore store = new InMemoryEventStore();
  private final CommandExecutor executor = new CommandExecutor(store);

  private void bankDay() {
    executor.execute(new OpenAccount(ANN, "Ann"));
    executor.execute(new OpenAccount(BOB, "Bob"));
    executor.execute(new Deposit(ANN, 1_000));
    executor.execute(new Transfer(ANN, BOB, 300));
    executor.execute(new Withdraw(BOB, 100));
  }

  private void append(StreamId stream, long expectedVersion, String type, String payload) {
    store.append(AppendRequest.single(stream, expectedVersion,
        List.of(new NewEvent(UuidV7.next(), stream, type, payload, null))));
  }

  @Test
  void handlersReceiveDecodedEventsWithTheirEnvelopesInStoreOrder() {
    bankDay();
    Ledger ledger = new Ledger();
    ProjectionRunner.CatchUp caughtUp = new ProjectionRunner<>(store, ledger).runOnce();

    List<StoredEvent> stored = store.allEvents();
    assertThat(caughtUp.events()).isEqualTo(stored.size()).isEqualTo(6);
    assertThat(caughtUp.checkpoint()).contains(stored.get(stored.size() - 1).position());
    assertThat(ledger.seen).extracting(Seen::handler)
        .containsExactly("opened", "opened", "deposited", "other", "deposited", "other");
    for (int i = 0; i < stored.size(); i++) {
      Seen seen = ledger.seen.get(i);
      StoredEvent event = stored.get(i);
      assertThat(seen.event().getClass().getSimpleName()).isEqualTo(event.eventType());
      if (seen.stream() != null) {
        assertThat(seen.stream()).isEqualTo(event.streamId());
        assertThat(seen.version()).isEqualTo(event.version());
        assertThat(seen.position()).isEqualTo(event.position());
      }
    }
    // the transfer's withdrawal (ANN v3) and deposit (BOB v2) were appended together, in that order
    assertThat(ledger.seen.get(3).event()).isInstanceOfSatisfying(BankEvent.MoneyWithdrawn.class, w -> {
      assertThat(w.account()).isEqualTo(ANN);
      assertThat(w.amountCents()).isEqualTo(300);
      assertThat(w.transferId()).isPresent();
    });
    assertThat(ledger.seen.get(3)).extracting(Seen::stream, Seen::version).containsExactly(ANN, 3L);
    assertThat(ledger.seen.get(4)).extracting(Seen::stream, Seen::version).containsExactly(BOB, 2L);
    assertThat(ledger.seen.get(3).position()).isLessThan(ledger.seen.get(4).position());
    assertThat(ledger.balances).containsExactly(entry(ANN, 700L), entry(BOB, 200L));
  }

  @Test
  void aSecondRunStartsAfterTheCheckpoint() {
    bankDay();
    Ledger ledger = new Ledger();
    new ProjectionRunner<>(store, ledger).runOnce();
    executor.execute(new Deposit(BOB, 50));
    ProjectionRunner.CatchUp second = new ProjectionRunner<>(store, ledger).runOnce();
    assertThat(second.events()).isEqualTo(1);
    assertThat(ledger.seen).hasSize(7);
    assertThat(ledger.seen.get(6).event()).isEqualTo(new BankEvent.MoneyDeposited(BOB, 50, Optional.empty()));
  }

  @Test
  void eventTypesListEveryStoredNameAndAliasOfEveryHandledFamily() {
    ProjectionBinding<BankAndTills> binding = ProjectionBindings.of(BankAndTills.class);
    assertThat(binding.name()).isEqualTo("bank-and-tills");
    assertThat(binding.projectionType()).isEqualTo(BankAndTills.class);
    assertThat(binding.eventTypes()).containsExactly("AccountOpened", "MoneyDeposited", "MoneyWithdrawn",
        "till.opened", "TillOpened", "Opened", "Counted");
    assertThat(ProjectionBindings.of(Ledger.class).eventTypes())
        .containsExactly("AccountOpened", "MoneyDeposited", "MoneyWithdrawn");
  }

  @Test
  void eventsStoredUnderAnAliasReachTheirHandlerAndUnknownTypesAreIgnored() {
    executor.execute(new OpenAccount(ANN, "Ann"));
    append(TILL, 0, "TillOpened", "{\"till\":\"till-1\"}");
    append(TILL, 1, "till.opened", "{\"till\":\"till-1\"}");
    append(TILL, 2, "TillClosed", "{\"till\":\"till-1\"}");
    append(TILL, 3, "Counted", "{\"till\":\"till-1\",\"cents\":420}");
    BankAndTills view = new BankAndTills();
    new ProjectionRunner<>(store, view).runOnce();
    assertThat(view.seen).extracting(Seen::handler)
        .containsExactly("bank", "till-opened", "till-opened", "till-counted");
    assertThat(view.seen.get(1)).isEqualTo(new Seen("till-opened", new TillEvent.Opened(TILL), TILL, 1,
        store.allEvents().get(1).position()));
    assertThat(view.seen.get(2).version()).isEqualTo(2);
    assertThat(view.seen.get(3).event()).isEqualTo(new TillEvent.Counted(TILL, 420));

    // dispatched directly, an unknown type is ignored rather than failing
    StoredEvent unknown = store.allEvents().get(3);
    assertThat(unknown.eventType()).isEqualTo("TillClosed");
    BankAndTills direct = new BankAndTills();
    try {
      ProjectionBindings.of(BankAndTills.class).dispatch(direct, unknown, null);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    assertThat(direct.seen).isEmpty();
  }

  @Test
  void aCorruptPayloadStopsTheRunnerWithASerializationExceptionNamingStreamAndVersion() {
    executor.execute(new OpenAccount(ANN, "Ann"));
    append(ANN, 1, "MoneyDeposited", "{\"account\":\"account-ann\",\"amountCents\":\"lots\"}");
    Ledger ledger = new Ledger();
    ProjectionRunner<Ledger> runner = new ProjectionRunner<>(store, ledger);
    assertThatThrownBy(runner::runOnce)
        .isInstanceOfSatisfying(ProjectionException.class, e -> {
          assertThat(e.projection()).isEqualTo("bank-ledger");
          assertThat(e.event().version()).isEqualTo(2);
        })
        .cause().isInstanceOfSatisfying(SerializationException.class, e -> {
          assertThat(e.streamId()).isEqualTo(ANN);
          assertThat(e.version()).isEqualTo(2);
          assertThat(e.eventType()).isEqualTo("MoneyDeposited");
          assertThat(e).hasMessageContaining("at stream 'account-ann' version 2");
        });
    assertThat(ledger.seen).extracting(Seen::handler).containsExactly("opened");
  }

  @Test
  void aCheckedExceptionFromAHandlerReachesTheRunnersErrorPolicy() {
    append(TILL, 0, "Counted", "{\"till\":\"till-1\",\"cents\":-5}");
    assertThatThrownBy(new ProjectionRunner<>(store, new BankAndTills())::runOnce)
        .isInstanceOf(ProjectionException.class)
        .cause().isInstanceOf(IOException.class).hasMessage("negative count at till-1");
  }
}

package org.eventcore.examples.bank;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.eventcore.examples.bank.BankEvent.AccountOpened;
import org.eventcore.examples.bank.BankEvent.MoneyDeposited;
import org.eventcore.examples.bank.BankEvent.MoneyWithdrawn;
import org.eventcore.runtime.StreamId;
import org.eventcore.testing.CommandScenario;
import org.junit.jupiter.api.Test;

class BankCommandsTest {
  private final StreamId acc = StreamId.of("account-a");
  private final StreamId other = StreamId.of("account-b");
  private final Instant t = Instant.parse("2026-01-01T00:00:00Z");

  private CommandScenario<BankEvent> bank() {
    return CommandScenario.of(BankEvent.class);
  }

  @Test
  void openingAnAccountRecordsItsOwner() {
    bank().when(new OpenAccount(acc, "Ann")).thenEventsSatisfy(events -> {
      assertThat(events).singleElement().isInstanceOfSatisfying(AccountOpened.class, e -> {
        assertThat(e.account()).isEqualTo(acc);
        assertThat(e.owner()).isEqualTo("Ann");
      });
    });
  }

  @Test
  void anAccountOpensOnlyOnce() {
    bank().given(new AccountOpened(acc, "Ann", t)).when(new OpenAccount(acc, "Bob"))
        .thenRejected("account account-a is already open");
  }

  @Test
  void depositsNeedAnOpenAccountAndAPositiveAmount() {
    bank().when(new Deposit(acc, 100)).thenRejected("account account-a is not open");
    bank().given(new AccountOpened(acc, "Ann", t)).when(new Deposit(acc, 0))
        .thenRejected("deposit amount must be positive, got 0");
    bank().given(new AccountOpened(acc, "Ann", t)).when(new Deposit(acc, 250))
        .thenEvents(new MoneyDeposited(acc, 250, Optional.empty()));
  }

  @Test
  void withdrawalsNeverOverdraw() {
    CommandScenario.of(BankEvent.class)
        .given(new AccountOpened(acc, "Ann", t), new MoneyDeposited(acc, 100, Optional.empty()))
        .when(new Withdraw(acc, 150))
        .thenRejected("account account-a has insufficient funds: balance 100, withdrawal 150");
    bank().given(new AccountOpened(acc, "Ann", t), new MoneyDeposited(acc, 100, Optional.empty()))
        .when(new Withdraw(acc, 100))
        .thenEvents(new MoneyWithdrawn(acc, 100, Optional.empty()));
    bank().given(new AccountOpened(acc, "Ann", t)).when(new Withdraw(acc, -5))
        .thenRejected("withdrawal amount must be positive, got -5");
  }

  @Test
  void transferWritesBothHalvesAtomicallyWithOneTransferId() {
    var outcome = bank()
        .given(new AccountOpened(acc, "Ann", t), new MoneyDeposited(acc, 500, Optional.empty()),
            new AccountOpened(other, "Bob", t))
        .when(new Transfer(acc, other, 200));
    outcome.thenEventsSatisfy(events -> {
      assertThat(events).hasSize(2);
      MoneyWithdrawn out = (MoneyWithdrawn) events.get(0);
      MoneyDeposited in = (MoneyDeposited) events.get(1);
      assertThat(out.account()).isEqualTo(acc);
      assertThat(in.account()).isEqualTo(other);
      assertThat(out.amountCents()).isEqualTo(200);
      assertThat(in.amountCents()).isEqualTo(200);
      assertThat(out.transferId()).isPresent().isEqualTo(in.transferId());
    });
    assertThat(outcome.result().streamVersions()).containsEntry(acc, 3L).containsEntry(other, 2L);
  }

  @Test
  void transferRulesRejectAndLeaveBothAccountsUnchanged() {
    var given = new BankEvent[] {
        new AccountOpened(acc, "Ann", t), new MoneyDeposited(acc, 100, Optional.empty()),
        new AccountOpened(other, "Bob", t)};
    bank().given(given).when(new Transfer(acc, acc, 10)).thenRejected("cannot transfer from account account-a to itself");
    bank().given(given).when(new Transfer(acc, other, 0)).thenRejected("transfer amount must be positive");
    var overdraft = bank().given(given).when(new Transfer(acc, other, 101))
        .thenRejected("account account-a has insufficient funds: balance 100, transfer 101");
    assertThat(overdraft.store().size()).isEqualTo(3);
    bank().given(new AccountOpened(acc, "Ann", t)).when(new Transfer(acc, other, 1))
        .thenRejected("target account account-b is not open");
    bank().given(new AccountOpened(other, "Bob", t)).when(new Transfer(acc, other, 1))
        .thenRejected("source account account-a is not open");
  }
}

package org.eventcore.examples.evolution;

import java.math.BigDecimal;
import org.eventcore.examples.evolution.AccountEvent.FeeCharged;
import org.eventcore.examples.evolution.AccountEvent.MoneyDeposited;
import org.eventcore.examples.evolution.AccountEvent.MoneyWithdrawn;
import org.eventcore.examples.evolution.AccountEvent.Opened;

/** An account folded from current {@link AccountEvent}s only: it never sees a former version. */
public record Account(boolean open, String owner, BigDecimal balance, BigDecimal fees) {

  public static Account initial() {
    return new Account(false, null, BigDecimal.valueOf(0, 2), BigDecimal.valueOf(0, 2));
  }

  Account apply(Opened e) {
    return new Account(true, e.owner(), balance, fees);
  }

  Account apply(MoneyDeposited e) {
    return new Account(open, owner, balance.add(e.amount()), fees);
  }

  Account apply(MoneyWithdrawn e) {
    return new Account(open, owner, balance.subtract(BigDecimal.valueOf(e.cents(), 2)), fees);
  }

  Account apply(FeeCharged e) {
    BigDecimal fee = BigDecimal.valueOf(e.cents(), 2);
    return new Account(open, owner, balance.subtract(fee), fees.add(fee));
  }
}

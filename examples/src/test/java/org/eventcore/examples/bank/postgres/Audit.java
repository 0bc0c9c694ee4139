package org.eventcore.examples.bank.postgres;

import java.util.List;
import org.eventcore.annotations.Command;
import org.eventcore.annotations.Stream;
import org.eventcore.examples.bank.BankEvent;
import org.eventcore.runtime.StreamId;

/**
 * Test command: counts an account's events; each apply first runs {@link #onApply}, so a test can inject a fault
 * in the middle of the command's read. Writes nothing.
 */
@Command
public record Audit(@Stream StreamId account) {
  /** Run before each event is folded; a test sets it. */
  static volatile Runnable onApply = () -> {};

  Integer initialState() {
    return 0;
  }

  Integer apply(Integer state, BankEvent event) {
    onApply.run();
    return state + 1;
  }

  List<BankEvent> handle(Integer state) {
    return List.of();
  }
}

package org.eventcore.spring.boot;

import org.eventcore.annotations.Projection;
import org.eventcore.examples.bank.BankEvent;

/** A test projection whose handler always fails, to drive the error policy and the health indicator. */
@Projection(name = "failing-log")
public final class FailingLog {
  void on(BankEvent event) {
    throw new IllegalStateException("handler failed on purpose");
  }
}

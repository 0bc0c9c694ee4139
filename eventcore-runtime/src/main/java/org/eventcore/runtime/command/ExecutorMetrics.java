package org.eventcore.runtime.command;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/** Command metrics; {@link #NONE} when no registry was given. */
interface ExecutorMetrics {
  ExecutorMetrics NONE = (command, outcome, attempts, nanos) -> {};

  void executed(String command, String outcome, int attempts, long nanos);

  /** Micrometer-backed metrics. */
  final class Micrometer implements ExecutorMetrics {
    private final MeterRegistry registry;

    Micrometer(MeterRegistry registry) {
      this.registry = registry;
    }

    @Override
    public void executed(String command, String outcome, int attempts, long nanos) {
      Timer.builder("eventcore.command.executions")
          .description("Command executions by outcome: success, rejected, conflict (retries exhausted), error")
          .tag("command", command)
          .tag("outcome", outcome)
          .register(registry)
          .record(nanos, TimeUnit.NANOSECONDS);
      DistributionSummary.builder("eventcore.command.attempts")
          .description("Attempts per command execution (1 = no version conflict)")
          .tag("command", command)
          .register(registry)
          .record(attempts);
    }
  }
}

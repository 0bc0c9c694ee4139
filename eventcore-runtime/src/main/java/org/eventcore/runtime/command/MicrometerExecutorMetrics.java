package org.eventcore.runtime.command;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Micrometer-backed command metrics. The meters of a command class are built on its first execution and kept:
 * an execution only looks them up. Loaded only when a registry is given.
 */
final class MicrometerExecutorMetrics implements ExecutorMetrics {
  private final MeterRegistry registry;
  private final Map<Class<?>, CommandMeters> byCommand = new ConcurrentHashMap<>();

  private final Counter cacheHits;
  private final Counter cacheMisses;
  private final Counter cacheEvictions;

  MicrometerExecutorMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.cacheHits = cacheLookups(registry, "hit");
    this.cacheMisses = cacheLookups(registry, "miss");
    this.cacheEvictions = Counter.builder("eventcore.command.state.cache.evictions")
        .description("State cache entries evicted to stay within the budget")
        .register(registry);
  }

  private static Counter cacheLookups(MeterRegistry registry, String result) {
    return Counter.builder("eventcore.command.state.cache")
        .description("State cache lookups of cacheable commands by result: hit, miss")
        .tag("result", result)
        .register(registry);
  }

  @Override
  public void stateCache(boolean hit) {
    (hit ? cacheHits : cacheMisses).increment();
  }

  @Override
  public void stateCacheEvicted(long entries) {
    cacheEvictions.increment(entries);
  }

  @Override
  public void executed(Class<?> command, Outcome outcome, int attempts, long nanos) {
    CommandMeters meters = byCommand.computeIfAbsent(command, c -> new CommandMeters(registry, c.getSimpleName()));
    meters.timer(outcome).record(nanos, TimeUnit.NANOSECONDS);
    meters.attempts.record(attempts);
  }

  /** One command class's meters; a timer per outcome, registered on the outcome's first use. */
  private static final class CommandMeters {
    private final MeterRegistry registry;
    private final String command;
    private final DistributionSummary attempts;
    private final AtomicReferenceArray<Timer> timers = new AtomicReferenceArray<>(Outcome.values().length);

    CommandMeters(MeterRegistry registry, String command) {
      this.registry = registry;
      this.command = command;
      this.attempts = DistributionSummary.builder("eventcore.command.attempts")
          .description("Attempts per command execution (1 = no version conflict)")
          .tag("command", command)
          .register(registry);
    }

    Timer timer(Outcome outcome) {
      Timer t = timers.get(outcome.ordinal());
      if (t == null) {
        // a race registers the same meter twice; Micrometer returns the one already registered
        t = Timer.builder("eventcore.command.executions")
            .description("Command executions by outcome: success, rejected, conflict (retries exhausted), error")
            .tag("command", command)
            .tag("outcome", outcome.tag())
            .register(registry);
        timers.set(outcome.ordinal(), t);
      }
      return t;
    }
  }
}

package org.eventcore.runtime.projection;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.eventcore.runtime.StoreException;
import org.eventcore.runtime.StoreOperation;
import org.eventcore.runtime.projection.ProjectionRunner.State;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lead, stand by, stop: takes the projection's lead from the {@link ProjectionSource}, runs {@link Pages} while
 * it holds it, and goes back to standby when it loses it, until a stop is requested.
 */
final class Lifecycle {
  private static final Logger log = LoggerFactory.getLogger(Lifecycle.class);

  private final String name;
  private final ProjectionSource source;
  private final ProjectionOptions options;
  private final Pages pages;
  private final RunnerState state;
  private final ProjectionMetrics metrics;
  /** Whether the current (or last) lead read or delivered a page without a store failure. */
  private boolean progressed;
  private static final long MAX_BACKOFF_MILLIS = 10_000;

  Lifecycle(String name, ProjectionSource source, ProjectionOptions options, Pages pages, RunnerState state,
      ProjectionMetrics metrics) {
    this.name = name;
    this.source = source;
    this.options = options;
    this.pages = pages;
    this.state = state;
    this.metrics = metrics;
  }

  /**
   * Takes the lead (waiting up to {@code leadershipWait}), delivers every page up to the safe horizon, releases.
   *
   * @throws StoreException with operation LEADERSHIP when another runner keeps the lead
   */
  void catchUpOnce() {
    Instant deadline = Instant.now().plus(options.leadershipWait());
    Optional<Leadership> lead = source.tryLead(name);
    while (lead.isEmpty()) {
      if (Instant.now().isAfter(deadline)) {
        throw new StoreException(StoreOperation.LEADERSHIP, "projection '" + name + "' is led by another runner;"
            + " waited " + options.leadershipWait().toMillis() + " ms");
      }
      state.pause(options.standbyInterval());
      lead = source.tryLead(name);
    }
    try (Leadership leadership = lead.get()) {
      state.enter(State.LEADING);
      state.checkpoint(source.checkpoint(name).orElse(null));
      while (pages.next(leadership)) {
        // next page
      }
    }
  }

  /**
   * Stands by until it leads, follows live while it leads, and repeats until a stop is requested. A store failure
   * (connection lost, pool timeout, outage, a checkpoint that moved under a re-run batch) never reaches the error
   * policy: the runner goes back to standby, backs off (standbyInterval doubled per failure in a row, at most
   * 10 s), takes the lead again and resumes from the stored checkpoint; after {@code storeFailureLimit} failures
   * in a row (0: never) it throws the last one and stops FAILED.
   */
  void follow() {
    int storeFailures = 0;
    while (!state.stopRequested()) {
      StoreException failed = null;
      Optional<Leadership> lead;
      try {
        lead = source.tryLead(name);
      } catch (StoreException e) {
        failed = e;
        progressed = false;
        lead = Optional.empty();
      }
      if (lead.isPresent()) {
        failed = lead(lead.get());
        if (state.stopRequested()) {
          return;
        }
        // a deposed leader waits a standby interval before trying again, so that a standby gets its turn
      }
      if (failed == null) {
        storeFailures = lead.isPresent() && progressed ? 0 : storeFailures;
        state.enter(State.STANDBY, lead.isPresent() ? "lost the lead; trying again" : "another runner leads");
        state.pause(options.standbyInterval());
        continue;
      }
      storeFailures = progressed ? 1 : storeFailures + 1;
      if (options.storeFailureLimit() > 0 && storeFailures > options.storeFailureLimit()) {
        log.error("projection '{}' gives up after {} store failures in a row: {}", name, storeFailures - 1,
            failed.getMessage());
        throw failed;
      }
      long wait = Math.min(Math.max(options.standbyInterval().toMillis(), MAX_BACKOFF_MILLIS),
          options.standbyInterval().toMillis() << Math.min(storeFailures - 1, 20));
      String why = "store failure " + storeFailures + " in a row (" + failed.getMessage() + "); trying again in "
          + wait + " ms from the stored checkpoint";
      log.warn("projection '{}': {}", name, why);
      state.enter(State.STANDBY, why);
      state.pause(Duration.ofMillis(wait));
    }
  }

  /** Leads until the lead is lost or a stop is requested; returns the store failure that ended it, if any. */
  private StoreException lead(Leadership leadership) {
    progressed = false;
    try (leadership) {
      state.enter(State.LEADING);
      metrics.leadershipAcquired();
      log.info("projection '{}' leads (fencing token {})", name, leadership.fencingToken());
      state.checkpoint(source.checkpoint(name).orElse(null));
      while (!state.stopRequested() && leadership.isHeld()) {
        state.drainWakeUps();
        boolean delivered = pages.next(leadership);
        progressed = true;
        if (!delivered) {
          state.pause(options.pollInterval());
        }
      }
      if (!state.stopRequested()) {
        log.warn("projection '{}' lost its lead (fencing token {}); back to standby", name,
            leadership.fencingToken());
      }
      return null;
    } catch (StoreException e) {
      return state.stopRequested() ? null : e;
    }
  }
}

package org.eventcore.runtime.projection;

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

  /** Stands by until it leads, follows live while it leads, and repeats until a stop is requested. */
  void follow() {
    while (!state.stopRequested()) {
      Optional<Leadership> lead;
      try {
        lead = source.tryLead(name);
      } catch (StoreException e) {
        log.warn("projection '{}' could not try for the lead ({}); standing by", name, e.getMessage());
        lead = Optional.empty();
      }
      if (lead.isPresent()) {
        lead(lead.get());
        if (state.stopRequested()) {
          return;
        }
        // a deposed leader waits a standby interval before trying again, so that a standby gets its turn
      }
      state.enter(State.STANDBY);
      state.pause(options.standbyInterval());
    }
  }

  private void lead(Leadership leadership) {
    try (leadership) {
      state.enter(State.LEADING);
      metrics.leadershipAcquired();
      log.info("projection '{}' leads (fencing token {})", name, leadership.fencingToken());
      state.checkpoint(source.checkpoint(name).orElse(null));
      while (!state.stopRequested() && leadership.isHeld()) {
        state.drainWakeUps();
        if (!pages.next(leadership)) {
          state.pause(options.pollInterval());
        }
      }
      if (!state.stopRequested()) {
        log.warn("projection '{}' lost its lead (fencing token {}); back to standby", name,
            leadership.fencingToken());
      }
    } catch (StoreException e) {
      if (!state.stopRequested()) {
        log.warn("projection '{}' lost its lead or its store ({}); back to standby", name, e.getMessage());
      }
    }
  }
}

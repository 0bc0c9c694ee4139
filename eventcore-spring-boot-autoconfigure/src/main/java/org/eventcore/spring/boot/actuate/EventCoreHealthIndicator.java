package org.eventcore.spring.boot.actuate;

import java.util.LinkedHashMap;
import java.util.Map;
import org.eventcore.runtime.projection.ProjectionRunner;
import org.eventcore.spring.boot.EventCoreProjections;
import org.eventcore.spring.boot.EventCoreProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * Health of the event store and of every auto-run projection: the {@code eventcore} component of
 * {@code /actuator/health} ({@code management.health.eventcore.enabled}, default true).
 *
 * <ul>
 *   <li>DOWN when the store cannot be reached (its horizon query fails) or a projection has FAILED (its error
 *       policy stopped it on an event);</li>
 *   <li>OUT_OF_SERVICE when a projection's lag exceeds {@code eventcore.health.max-lag} (default 10000 positions),
 *       or a transaction has held the projection horizon back for longer than
 *       {@code eventcore.health.max-blocker-age} (default 5 min): reads are served from a stale read model;</li>
 *   <li>UP otherwise; a projection standing by while another instance leads is UP.</li>
 * </ul>
 * Details: {@code store} (reachable, newest position, pending events, blocker age) and {@code projections}
 * (state, lag, checkpoint per projection). No event payloads or credentials appear.
 */
public final class EventCoreHealthIndicator implements HealthIndicator {
  private final EventCoreProjections projections;
  private final EventCoreProperties.Health thresholds;

  public EventCoreHealthIndicator(EventCoreProjections projections, EventCoreProperties properties) {
    this.projections = projections;
    this.thresholds = properties.getHealth();
  }

  @Override
  public Health health() {
    ProjectionsReport report = ProjectionsReport.of(projections);
    Status status = Status.UP;
    Map<String, Object> store = new LinkedHashMap<>();
    store.put("reachable", report.storeReachable());
    if (!report.storeReachable()) {
      store.put("error", report.storeError());
      status = Status.DOWN;
    }
    report.horizon().ifPresent(h -> {
      store.put("newest", h.newest().toString());
      store.put("pendingEvents", h.pendingEvents());
      store.put("blockerAgeMillis", report.blockerAge().toMillis());
    });
    boolean blocked = report.blockerAge().compareTo(thresholds.getMaxBlockerAge()) > 0;
    Map<String, Object> details = new LinkedHashMap<>();
    boolean failed = false;
    boolean lagging = false;
    for (ProjectionsReport.Projection p : report.projections()) {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("state", p.state().name());
      d.put("lag", p.lag());
      d.put("checkpoint", p.checkpoint().map(Object::toString).orElse(null));
      if (p.failure() != null) {
        d.put("failure", p.failure());
      }
      failed |= p.state() == ProjectionRunner.State.FAILED;
      lagging |= p.lag() > thresholds.getMaxLag();
      details.put(p.name(), d);
    }
    if (status == Status.UP && failed) {
      status = Status.DOWN;
    } else if (status == Status.UP && (lagging || blocked)) {
      status = Status.OUT_OF_SERVICE;
    }
    return Health.status(status).withDetail("store", store).withDetail("projections", details).build();
  }
}

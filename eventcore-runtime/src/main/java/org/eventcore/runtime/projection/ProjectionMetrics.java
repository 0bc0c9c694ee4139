package org.eventcore.runtime.projection;

import java.time.Duration;

/**
 * Projection metrics: {@link #NONE} without a registry, {@link MicrometerProjectionMetrics} with one. This
 * interface names no Micrometer type, so a runner without Micrometer on the class path never loads one.
 */
interface ProjectionMetrics {
  void processed(long events);

  /** A handler failure and what the policy did: {@code skip}, {@code retry} or {@code stop}. */
  void error(String action);

  void leadershipAcquired();

  void lag(long events, Duration age);

  /** Whether {@link #lag} is recorded anywhere (the lag costs a store query). */
  boolean wantsLag();

  ProjectionMetrics NONE = new ProjectionMetrics() {
    @Override
    public void processed(long events) {}

    @Override
    public void error(String action) {}

    @Override
    public void leadershipAcquired() {}

    @Override
    public void lag(long events, Duration age) {}

    @Override
    public boolean wantsLag() {
      return false;
    }
  };
}

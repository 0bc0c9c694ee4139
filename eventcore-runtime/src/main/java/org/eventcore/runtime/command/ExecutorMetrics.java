package org.eventcore.runtime.command;

/**
 * Command metrics: {@link #NONE} when no registry was given, {@link MicrometerExecutorMetrics} otherwise. This
 * interface names no Micrometer type, so an executor without Micrometer on the class path never loads one.
 */
interface ExecutorMetrics {
  ExecutorMetrics NONE = (command, outcome, attempts, nanos) -> {};

  /** How an execution ended; {@link #tag()} is the {@code outcome} tag. */
  enum Outcome {
    SUCCESS("success"), REJECTED("rejected"), CONFLICT("conflict"), ERROR("error");

    private final String tag;

    Outcome(String tag) {
      this.tag = tag;
    }

    String tag() {
      return tag;
    }
  }

  void executed(Class<?> command, Outcome outcome, int attempts, long nanos);

  /** A state cache lookup: a hit or a miss. */
  default void stateCache(boolean hit) {}

  /** State cache entries evicted to stay within the budget. */
  default void stateCacheEvicted(long entries) {}
}

package org.eventcore.runtime.projection;

import java.time.Duration;
import java.util.Optional;
import org.eventcore.runtime.Position;

/**
 * The safe horizon of global reads and its cost.
 *
 * @param newest the position of the newest committed event, or {@link Position#START} when there is none
 * @param pendingEvents committed events not yet readable because an older transaction is still running
 * @param blocker the oldest running writing transaction holding the horizon back, if any
 */
public record Horizon(Position newest, long pendingEvents, Optional<Blocker> blocker) {

  /**
   * A running transaction that holds the horizon back.
   *
   * @param pid its server process id (PostgreSQL: {@code pg_stat_activity.pid})
   * @param transactionId its transaction id
   * @param age how long the transaction has been running
   * @param state its state and, where visible, its current query, abbreviated
   */
  public record Blocker(int pid, long transactionId, Duration age, String state) {}
}

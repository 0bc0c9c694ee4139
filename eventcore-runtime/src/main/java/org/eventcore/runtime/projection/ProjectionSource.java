package org.eventcore.runtime.projection;

import java.util.List;
import java.util.Optional;
import org.eventcore.runtime.Position;
import org.eventcore.runtime.StoredEvent;

/**
 * What a {@link ProjectionRunner} needs from a store: a commit-safe global read, checkpoints, leadership with
 * fencing, and wake-ups after appends. {@code InMemoryEventStore} and {@code PostgresEventStore} implement it;
 * both pass {@code ProjectionSourceContract} in eventcore-testing.
 *
 * <p><b>Commit-safe order.</b> {@link #readAll} returns events in ascending {@link Position} order and only up to
 * the <em>safe horizon</em>: the point before which no transaction can still commit an event. An event is
 * therefore never made visible behind a position a reader has already passed, whatever the commit order of
 * concurrent writers, and a rolled-back write leaves nothing to skip. No timer ever declares a gap permanent.
 */
public interface ProjectionSource {

  /**
   * Up to {@code limit} events after {@code after} (exclusive) that match {@code filter}, in position order, all
   * below the safe horizon. The filter is applied before the limit.
   *
   * @throws org.eventcore.runtime.InvalidInputException when {@code limit} is not in 1..10000
   * @throws org.eventcore.runtime.StoreException when the store fails
   */
  List<StoredEvent> readAll(Position after, EventFilter filter, int limit);

  /** Where the safe horizon stands, how far it trails the newest event and what holds it back. */
  Horizon horizon();

  /** The last checkpoint saved for the projection, if any. */
  Optional<Position> checkpoint(String projection);

  /**
   * Tries, without waiting, to become the one active runner of {@code projection} among all processes sharing the
   * store. Each grant carries a fencing token greater than every earlier one for that name, and checkpoints are
   * only accepted with the current token, so a deposed leader cannot commit.
   *
   * @return the leadership, or empty when another runner holds it
   */
  Optional<Leadership> tryLead(String projection);

  /**
   * Calls {@code listener} (on a store thread; keep it short) after appends commit: a wake-up, not a delivery;
   * readers still poll {@link #readAll}, which stays the source of truth.
   *
   * @return closing it unregisters the listener
   */
  AutoCloseable onAppend(Runnable listener);
}

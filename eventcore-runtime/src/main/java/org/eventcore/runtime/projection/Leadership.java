package org.eventcore.runtime.projection;

import org.eventcore.runtime.Position;

/**
 * The right, held by one runner at a time, to advance a projection's checkpoint. Closing releases it; a standby
 * runner may then take over. Losing the underlying session (a killed connection, a crashed process) releases it
 * too.
 */
public interface Leadership extends AutoCloseable {

  /** The projection's name. */
  String projection();

  /** Greater than the token of every earlier leadership of this projection. */
  long fencingToken();

  /** Whether this leadership is still held, as far as can be told without a round trip to the store. */
  boolean isHeld();

  /**
   * Saves the checkpoint, if this leadership is still current.
   *
   * @throws org.eventcore.runtime.StoreException with operation LEADERSHIP when a newer leadership exists
   */
  void saveCheckpoint(Position position);

  /**
   * Runs {@code work} and saves the checkpoint in one database transaction, so read-model writes made through
   * the transaction and the checkpoint commit together or not at all (exactly-once).
   *
   * @throws org.eventcore.runtime.InvalidInputException when the store has no transactions to share
   * @throws org.eventcore.runtime.StoreException with operation LEADERSHIP when a newer leadership exists; the
   *     work is rolled back
   */
  void inTransaction(Position checkpoint, TransactionalWork work) throws Exception;

  /**
   * As {@link #inTransaction(Position, TransactionalWork)}, but the checkpoint moves from {@code from} (the
   * checkpoint the batch started from; empty for none) to {@code to} only if it is still {@code from} when the
   * transaction saves it. So a batch that is run again after its commit's acknowledgement was lost commits nothing
   * a second time: its transaction rolls back and a {@code StoreException} with operation CHECKPOINT, marked
   * {@link org.eventcore.runtime.StoreException#retryable() retryable}, tells the runner to re-read the
   * checkpoint. A store whose commits cannot have an unknown outcome may keep this default, which ignores
   * {@code from}.
   *
   * @throws org.eventcore.runtime.StoreException with operation CHECKPOINT when the stored checkpoint is not
   *     {@code from}, with operation LEADERSHIP when a newer leadership exists; the work is rolled back either way
   */
  default void inTransaction(java.util.Optional<Position> from, Position to, TransactionalWork work)
      throws Exception {
    inTransaction(to, work);
  }

  /** Releases the leadership. */
  @Override
  void close();

  /** Work done inside a checkpoint's transaction. */
  @FunctionalInterface
  interface TransactionalWork {
    /**
     * @param transaction the open transaction's connection; do not commit, roll back or close it
     */
    void run(java.sql.Connection transaction) throws Exception;
  }
}

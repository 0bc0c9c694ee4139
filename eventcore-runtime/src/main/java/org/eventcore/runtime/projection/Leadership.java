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

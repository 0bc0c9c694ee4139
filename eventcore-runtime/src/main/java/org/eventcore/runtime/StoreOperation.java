package org.eventcore.runtime;

/** The store operation a {@link StoreException} happened in. */
public enum StoreOperation {
  CONNECT("connect"),
  INITIALIZE("initialize schema"),
  READ_STREAM("read stream"),
  READ_ALL("read all events"),
  APPEND("append"),
  READ_EVENTS("read events by id"),
  COMMAND_KEY("look up an idempotency key"),
  CHECKPOINT("checkpoint"),
  LEADERSHIP("projection leadership"),
  /** Saving or loading a state snapshot ({@code SnapshotStore}). */
  SNAPSHOT("snapshot");

  private final String label;

  StoreOperation(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}

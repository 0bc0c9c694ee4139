package org.eventcore.runtime;

/**
 * An event could not be encoded or decoded. Names the event type, the JSON path of the offending field
 * ({@code $.items[2].sku}) and, when the event came from the store, its stream and version.
 */
public final class SerializationException extends EventCoreException {
  private static final long serialVersionUID = 1L;
  private final String eventType;
  private final String path;
  private final StreamId streamId;
  private final long version;
  private final String detail;

  /**
   * @param eventType stored type name (or the family name when the type is unknown)
   * @param path JSON path of the problem, {@code $} for the whole payload
   * @param detail what is wrong
   */
  public SerializationException(String eventType, String path, String detail, Throwable cause) {
    this(eventType, path, detail, null, 0, cause);
  }

  private SerializationException(
      String eventType, String path, String detail, StreamId streamId, long version, Throwable cause) {
    super(message(eventType, path, detail, streamId, version), cause);
    this.eventType = eventType;
    this.path = path;
    this.detail = detail;
    this.streamId = streamId;
    this.version = version;
  }

  /** The same failure, located at a stored event. */
  public SerializationException at(StreamId stream, long eventVersion) {
    SerializationException located =
        new SerializationException(eventType, path, detail, stream, eventVersion, getCause());
    located.setStackTrace(getStackTrace());
    return located;
  }

  public String eventType() {
    return eventType;
  }

  public String path() {
    return path;
  }

  /** The stream of the stored event, or null when not decoding a stored event. */
  public StreamId streamId() {
    return streamId;
  }

  /** The version of the stored event, or 0 when not decoding a stored event. */
  public long version() {
    return version;
  }

  private static String message(String type, String path, String detail, StreamId stream, long version) {
    StringBuilder sb = new StringBuilder("cannot (de)serialize event ").append(type);
    if (stream != null) {
      sb.append(" at stream '").append(stream).append("' version ").append(version);
    }
    sb.append(" (").append(path == null ? "$" : path).append("): ").append(detail);
    return sb.toString();
  }
}

package org.eventcore.runtime.store;

import org.eventcore.runtime.StreamId;

/**
 * One stream whose version was not the one the writer expected.
 *
 * @param streamId the stream
 * @param expected the version the writer read
 * @param actual the stream's version when the append was checked
 */
public record VersionConflict(StreamId streamId, long expected, long actual) {
  @Override
  public String toString() {
    return "stream '" + streamId + "' expected version " + expected + ", actual " + actual;
  }
}

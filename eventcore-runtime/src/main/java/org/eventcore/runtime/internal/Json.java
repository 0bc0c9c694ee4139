package org.eventcore.runtime.internal;

import com.fasterxml.jackson.core.JsonFactory;

/**
 * The one Jackson {@link JsonFactory} of EventCore: shared by the codecs' encode/decode entry points and the
 * PostgreSQL store (metadata column, conflict details), so that buffers are recycled across them. Not user API.
 */
public final class Json {
  /** The one factory; thread-safe. */
  public static final JsonFactory FACTORY = JsonFactory.builder().build();

  private Json() {}
}

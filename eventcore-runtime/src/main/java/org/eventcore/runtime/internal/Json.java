package org.eventcore.runtime.internal;

import com.fasterxml.jackson.core.JsonFactory;

/**
 * The one Jackson {@link JsonFactory} of EventCore: shared by the codecs' encode/decode entry points and the
 * PostgreSQL store (metadata column, conflict details), so that buffers are recycled across them. Not user API.
 */
public final class Json {
  /** The one factory; thread-safe; reads and writes within {@link JsonLimits}, so every value written can be read. */
  public static final JsonFactory FACTORY = JsonFactory.builder()
      .streamReadConstraints(JsonLimits.READ_CONSTRAINTS)
      .streamWriteConstraints(JsonLimits.WRITE_CONSTRAINTS)
      .build();

  private Json() {}
}

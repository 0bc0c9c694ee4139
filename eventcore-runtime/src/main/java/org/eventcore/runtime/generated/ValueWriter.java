package org.eventcore.runtime.generated;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * Writes one (possibly null) value as JSON. Generated codecs pass method references of this type to the container
 * writers of {@link JsonWriting}.
 *
 * @param <V> the Java type written
 */
@FunctionalInterface
public interface ValueWriter<V> {
  /** Writes {@code value}, or JSON null when it is null. */
  void write(JsonGenerator generator, V value) throws IOException;
}

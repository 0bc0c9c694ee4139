package org.eventcore.runtime.projection;

import java.util.List;
import org.eventcore.runtime.StoredEvent;

/**
 * What a projection runner needs to feed one {@code @Projection} class without reflection. Generated as
 * {@code <FlatName>_ProjectionBinding} (public no-argument constructor); look it up with
 * {@link ProjectionBindings#of(Class)}. Stateless and thread-safe.
 *
 * @param <P> the projection class
 */
public interface ProjectionBinding<P> {

  /** The projection class. */
  Class<P> projectionType();

  /** The name from {@code @Projection(name = ...)}. */
  String name();

  /**
   * Every stored type name (aliases included) of the event records this projection handles, across its
   * families: runners push it into the store's query as a type filter.
   */
  List<String> eventTypes();

  /**
   * Decodes the stored event with its family's generated codec and calls the projection's handler for it.
   * Events whose type is not in {@link #eventTypes()} are ignored.
   *
   * @throws org.eventcore.runtime.SerializationException when the payload cannot be decoded
   * @throws Exception whatever the handler throws
   */
  void dispatch(P projection, StoredEvent stored, EventEnvelope envelope) throws Exception;
}

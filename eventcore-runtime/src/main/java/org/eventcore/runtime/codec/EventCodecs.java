package org.eventcore.runtime.codec;

import org.eventcore.annotations.GeneratedNames;
import org.eventcore.runtime.internal.GeneratedLoader;

/** Finds the codec the annotation processor generated for an event family. */
public final class EventCodecs {
  private static final ClassValue<EventCodec<?>> CACHE = new ClassValue<>() {
    @Override
    protected EventCodec<?> computeValue(Class<?> family) {
      return GeneratedLoader.load(family, GeneratedNames.codecName(family.getName()), EventCodec.class,
          "@Events");
    }
  };

  private EventCodecs() {}

  /**
   * The generated codec of {@code family}.
   *
   * @throws org.eventcore.runtime.InvalidInputException when no codec was generated for it (not annotated
   *     {@code @Events}, or the processor is not configured), naming the class it looked for
   */
  @SuppressWarnings("unchecked")
  public static <E> EventCodec<E> of(Class<E> family) {
    return (EventCodec<E>) CACHE.get(family);
  }
}

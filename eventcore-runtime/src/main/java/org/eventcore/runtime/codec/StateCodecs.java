package org.eventcore.runtime.codec;

import org.eventcore.annotations.GeneratedNames;
import org.eventcore.runtime.internal.GeneratedLoader;

/**
 * Finds the state codec the annotation processor generated for a {@code @Snapshot} state record (command
 * bindings return theirs from {@code CommandBinding.stateCodec()}; this lookup is for tools and tests).
 */
public final class StateCodecs {
  private static final ClassValue<StateCodec<?>> CACHE = new ClassValue<>() {
    @Override
    protected StateCodec<?> computeValue(Class<?> state) {
      return GeneratedLoader.load(state, GeneratedNames.stateCodecName(state.getName()), StateCodec.class,
          "@Snapshot");
    }
  };

  private StateCodecs() {}

  /**
   * The generated state codec of {@code state}.
   *
   * @throws org.eventcore.runtime.InvalidInputException when none was generated for it (not annotated
   *     {@code @Snapshot}, or the processor is not configured), naming the class it looked for
   */
  @SuppressWarnings("unchecked")
  public static <S> StateCodec<S> of(Class<S> state) {
    return (StateCodec<S>) CACHE.get(state);
  }
}

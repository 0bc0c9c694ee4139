package org.eventcore.runtime.projection;

import org.eventcore.annotations.GeneratedNames;
import org.eventcore.runtime.internal.GeneratedLoader;

/** Finds the binding the annotation processor generated for a projection class. */
public final class ProjectionBindings {
  private static final ClassValue<ProjectionBinding<?>> CACHE = new ClassValue<>() {
    @Override
    protected ProjectionBinding<?> computeValue(Class<?> projection) {
      return GeneratedLoader.load(projection, GeneratedNames.projectionBindingName(projection.getName()),
          ProjectionBinding.class, "@Projection");
    }
  };

  private ProjectionBindings() {}

  /**
   * The generated binding of {@code projectionType}.
   *
   * @throws org.eventcore.runtime.InvalidInputException when none was generated, naming the class looked for
   */
  @SuppressWarnings("unchecked")
  public static <P> ProjectionBinding<P> of(Class<P> projectionType) {
    return (ProjectionBinding<P>) CACHE.get(projectionType);
  }
}

package org.eventcore.runtime.internal;

import java.lang.reflect.InvocationTargetException;
import org.eventcore.runtime.InvalidInputException;

/**
 * Loads a generated class by the naming convention of {@code GeneratedNames} and instantiates it through its
 * public no-argument constructor. The only reflection in the runtime: it touches generated classes, never user
 * types' members.
 */
public final class GeneratedLoader {
  private GeneratedLoader() {}

  public static <T> T load(Class<?> annotated, String generatedName, Class<T> role, String annotation) {
    Class<?> generated;
    try {
      ClassLoader loader = annotated.getClassLoader() != null
          ? annotated.getClassLoader()
          : Thread.currentThread().getContextClassLoader();
      generated = Class.forName(generatedName, true, loader);
    } catch (ClassNotFoundException e) {
      throw new InvalidInputException("no generated " + role.getSimpleName() + " for " + annotated.getName()
          + ": class " + generatedName + " not found; annotate the type with " + annotation
          + " and put eventcore-processor under the compiler's annotationProcessorPaths", e);
    }
    if (!role.isAssignableFrom(generated)) {
      throw new InvalidInputException(
          generatedName + " does not implement " + role.getName() + "; rebuild with the matching eventcore-processor");
    }
    try {
      return role.cast(generated.getConstructor().newInstance());
    } catch (NoSuchMethodException | InstantiationException | IllegalAccessException e) {
      throw new InvalidInputException("cannot instantiate generated " + generatedName + ": " + e, e);
    } catch (InvocationTargetException e) {
      throw new InvalidInputException("cannot instantiate generated " + generatedName + ": " + e.getCause(), e);
    }
  }
}

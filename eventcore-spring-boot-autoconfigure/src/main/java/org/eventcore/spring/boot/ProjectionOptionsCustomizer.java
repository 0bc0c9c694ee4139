package org.eventcore.spring.boot;

import org.eventcore.runtime.projection.ProjectionOptions;

/**
 * Adjusts the options of each auto-run projection after its {@code eventcore.projections.<name>.*} properties
 * have been applied (applied in {@code @Order}).
 */
@FunctionalInterface
public interface ProjectionOptionsCustomizer {
  /** Returns the options to run projection {@code name} with. */
  ProjectionOptions customize(String name, ProjectionOptions options);
}

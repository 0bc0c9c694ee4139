package org.eventcore.spring.boot;

import org.eventcore.postgres.PostgresConfig;

/** Adjusts the auto-configured PostgreSQL store's configuration before it is built (applied in {@code @Order}). */
@FunctionalInterface
public interface PostgresConfigCustomizer {
  void customize(PostgresConfig.Builder builder);
}

package org.eventcore.spring.boot;

import java.util.ArrayList;
import java.util.List;
import org.eventcore.postgres.PostgresConfig;
import org.eventcore.postgres.testing.PostgresTestDatabase;

/** A fresh schema of the test server as Spring Boot properties: spring.datasource.* and eventcore.postgres.schema. */
final class TestDatabase {
  private TestDatabase() {}

  static PostgresConfig newSchema(String prefix) {
    return PostgresTestDatabase.newSchema(prefix).build();
  }

  /** {@code key=value} pairs for ApplicationContextRunner.withPropertyValues. */
  static String[] properties(PostgresConfig c) {
    List<String> p = new ArrayList<>(List.of("spring.datasource.url=" + c.url(),
        "spring.datasource.username=" + c.user(), "eventcore.postgres.schema=" + c.schema(),
        "spring.datasource.hikari.maximum-pool-size=8"));
    if (c.password() != null) {
      p.add("spring.datasource.password=" + c.password());
    }
    return p.toArray(String[]::new);
  }
}

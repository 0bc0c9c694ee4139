package org.eventcore.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The suite's own embedded server flushes every commit unless told otherwise. */
class BenchServerTest {

  @Test
  void theSuitesOwnServerHasDurableCommitsByDefault() throws Exception {
    assumeTrue(System.getenv("DATABASE_URL") == null && System.getenv("TEST_DATABASE_URL") == null,
        "a configured server is used as it is");
    try (BenchServer server = BenchServer.start(false);
        Connection c = DriverManager.getConnection(server.config.url(), server.config.user(), null);
        Statement s = c.createStatement()) {
      for (String setting : new String[] {"fsync", "synchronous_commit", "full_page_writes"}) {
        try (ResultSet rs = s.executeQuery("SHOW " + setting)) {
          rs.next();
          assertThat(rs.getString(1)).as(setting).isEqualTo("on");
        }
      }
      assertThat(server.unsafeLabel).isNull();
    }
  }
}

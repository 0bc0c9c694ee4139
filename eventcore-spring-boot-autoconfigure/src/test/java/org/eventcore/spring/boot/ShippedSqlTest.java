package org.eventcore.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.eventcore.postgres.PostgresConfig;
import org.eventcore.postgres.PostgresEventStore;
import org.eventcore.postgres.testing.PostgresTestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The DDL the starter ships for Flyway or Liquibase ({@code META-INF/eventcore/sql/postgresql/V*.sql}) builds the
 * same schema as {@link PostgresEventStore#initialize()}: the files are applied to one fresh schema, initialize()
 * runs on another, and their catalogs (columns, constraints, indexes, functions, triggers, comments, recorded
 * migrations) are compared with the schema names taken out. The files are written at build time by
 * eventcore-postgres's {@code SchemaScripts} from the same migrations; this proves the two paths agree.
 */
class ShippedSqlTest {

  @Test
  void shippedSqlBuildsTheSchemaThatInitializeBuilds() throws Exception {
    PostgresConfig fromFiles = PostgresTestDatabase.newSchema("shipped_sql").build();
    PostgresConfig fromStore = PostgresTestDatabase.newSchema("initialized").build();
    List<Resource> files = shippedFiles();
    assertThat(files).hasSizeGreaterThanOrEqualTo(6);

    try (Connection c = PostgresTestDatabase.connect()) {
      try (Statement st = c.createStatement()) {
        st.execute("CREATE SCHEMA \"" + fromFiles.schema() + "\"");
      }
      for (Resource file : files) {
        String sql = file.getContentAsString(StandardCharsets.UTF_8)
            .replace("\"public\"", "\"" + fromFiles.schema() + "\"")
            .replace("'eventcore_public'", "'eventcore_" + fromFiles.schema() + "'");
        try (Statement st = c.createStatement()) {
          st.execute(sql);
        }
      }
      try (PostgresEventStore store = new PostgresEventStore(fromStore)) {
        store.initialize();
      }
      List<String> shipped = catalog(c, fromFiles.schema());
      List<String> initialized = catalog(c, fromStore.schema());
      assertThat(shipped).as("catalog of the shipped SQL").isNotEmpty().containsExactlyElementsOf(initialized);
      assertThat(shipped).anyMatch(line -> line.startsWith("function eventcore_append"))
          .noneMatch(line -> line.startsWith("trigger events_notify_append"))
          .anyMatch(line -> line.startsWith("migration " + version(files.get(files.size() - 1)) + " "));
    }

    // a store on the schema the files built finds nothing to migrate
    try (PostgresEventStore store = new PostgresEventStore(fromFiles); Connection c = PostgresTestDatabase.connect()) {
      store.initialize();
      assertThat(catalog(c, fromFiles.schema()).stream().filter(l -> l.startsWith("migration "))).hasSize(files.size());
    }
  }

  private static List<Resource> shippedFiles() throws IOException {
    Resource[] found = new PathMatchingResourcePatternResolver()
        .getResources("classpath*:META-INF/eventcore/sql/postgresql/V*__*.sql");
    return Arrays.stream(found)
        .sorted(Comparator.comparingInt(ShippedSqlTest::version))
        .toList();
  }

  /** The migration version in a file name {@code V<version>__<description>.sql} (versions may have gaps). */
  private static int version(Resource file) {
    return Integer.parseInt(file.getFilename().substring(1, file.getFilename().indexOf("__")));
  }

  /** Every object of the schema as one line of text, sorted, with the schema's name replaced by {@code <schema>}. */
  private static List<String> catalog(Connection c, String schema) throws SQLException {
    String sql = """
        SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' '
               || coalesce(character_maximum_length::text, '') || ' nullable=' || is_nullable
               || ' default=' || coalesce(column_default, '') || ' identity=' || is_identity
               || coalesce(identity_generation, '')
        FROM information_schema.columns WHERE table_schema = ?1
        UNION ALL
        SELECT 'constraint ' || r.relname || ' ' || con.conname || ' ' || pg_get_constraintdef(con.oid)
        FROM pg_constraint con JOIN pg_class r ON r.oid = con.conrelid
        JOIN pg_namespace n ON n.oid = con.connamespace WHERE n.nspname = ?1
        UNION ALL
        SELECT 'index ' || indexname || ' ' || indexdef FROM pg_indexes WHERE schemaname = ?1
        UNION ALL
        SELECT 'function ' || p.proname || ' ' || pg_get_functiondef(p.oid)
        FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = ?1
        UNION ALL
        SELECT 'trigger ' || t.tgname || ' ' || pg_get_triggerdef(t.oid)
        FROM pg_trigger t JOIN pg_class r ON r.oid = t.tgrelid JOIN pg_namespace n ON n.oid = r.relnamespace
        WHERE n.nspname = ?1 AND NOT t.tgisinternal
        UNION ALL
        SELECT 'comment ' || r.relname || '.' || coalesce(a.attname, '') || ' ' || d.description
        FROM pg_description d JOIN pg_class r ON r.oid = d.objoid AND d.classoid = 'pg_class'::regclass
        LEFT JOIN pg_attribute a ON a.attrelid = r.oid AND a.attnum = d.objsubid AND d.objsubid > 0
        JOIN pg_namespace n ON n.oid = r.relnamespace WHERE n.nspname = ?1
        """.replace("?1", "'" + schema + "'");
    List<String> lines = new ArrayList<>();
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        lines.add(rs.getString(1).replace(schema, "<schema>"));
      }
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT version, description FROM \"" + schema
        + "\".eventcore_schema_migrations ORDER BY version"); ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        lines.add("migration " + rs.getInt(1) + " " + rs.getString(2));
      }
    }
    lines.sort(null);
    return lines;
  }
}

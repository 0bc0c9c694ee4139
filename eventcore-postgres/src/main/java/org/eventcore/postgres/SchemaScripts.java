package org.eventcore.postgres;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eventcore.runtime.InvalidInputException;

/**
 * The store's migrations as SQL files, for teams whose DDL goes through Flyway, Liquibase or a DBA: one file per
 * migration, named the Flyway way ({@code V<version>__<description>.sql}), each ending with the statement that
 * records it in {@code eventcore_schema_migrations}, so that {@link PostgresEventStore#initialize()} on a schema
 * built from them finds nothing to do. Made from the same {@link Migrations} that {@code initialize()} applies;
 * the Spring Boot starter ships them, written at build time by {@link #main}.
 */
public final class SchemaScripts {
  private SchemaScripts() {}

  /**
   * The files for {@code schema}, in the order to apply them: file name to SQL text.
   *
   * @throws InvalidInputException when {@code schema} is not a plain identifier (the rule of
   *     {@link PostgresConfig#schema()})
   */
  public static Map<String, String> forSchema(String schema) {
    if (schema == null || !PostgresConfig.IDENTIFIER.matcher(schema).matches()) {
      throw new InvalidInputException("schema must match " + PostgresConfig.IDENTIFIER.pattern() + ", got "
          + schema);
    }
    Schema s = new Schema(schema);
    Map<String, String> files = new LinkedHashMap<>();
    for (Migrations.Migration m : Migrations.of(s)) {
      StringBuilder sql = new StringBuilder()
          .append("-- EventCore PostgreSQL schema, migration ").append(m.version()).append(": ")
          .append(m.description()).append('\n')
          .append("-- Generated from eventcore-postgres (Migrations.java) for schema \"").append(schema)
          .append("\"; to use another schema, replace every\n")
          .append("-- \"").append(schema).append("\" below and the NOTIFY channel '").append(s.notifyChannel)
          .append("' (eventcore_<schema>). Apply the files in order.\n")
          .append("-- The last statement records the migration, so PostgresEventStore.initialize() sees the schema")
          .append(" as current.\n\n");
      if (m.version() == 1) {
        sql.append(Migrations.createMigrationsTableSql(s)).append(";\n\n");
      }
      String body = m.sql().strip();
      sql.append(body).append(body.endsWith(";") ? "" : ";").append("\n\n")
          .append(Migrations.recordMigrationSql(s).replace("(?, ?)",
              "(" + m.version() + ", '" + m.description().replace("'", "''") + "')"))
          .append(";\n");
      String name = "V" + m.version() + "__" + m.description().replaceAll("[^A-Za-z0-9]+", "_") + ".sql";
      files.put(name, sql.toString());
    }
    return files;
  }

  /**
   * Writes the files for schema {@code public} into the directory {@code args[0]} (created when missing).
   *
   * @throws IOException when a file cannot be written
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new InvalidInputException("usage: SchemaScripts <output directory>");
    }
    Path dir = Files.createDirectories(Path.of(args[0]));
    for (Map.Entry<String, String> f : forSchema("public").entrySet()) {
      Files.writeString(dir.resolve(f.getKey()), f.getValue(), StandardCharsets.UTF_8);
    }
  }
}

package org.eventcore.postgres;

/**
 * The names the store's SQL refers to: the configured schema (validated as an identifier by
 * {@link PostgresConfig}), quoted; the LISTEN/NOTIFY channel of its appends; the SQLSTATEs and constraint names
 * its DDL ({@link Migrations}) raises and the store recognises. The statements themselves live with the class
 * that runs them.
 */
final class Schema {
  /** SQLSTATE the append function raises on stale expected versions; DETAIL is a JSON array of conflicts. */
  static final String VERSION_CONFLICT = "EC409";
  /** SQLSTATE the append function raises when an append is neither new nor an identical retry. */
  static final String NOT_A_RETRY = "EC422";
  /** SQLSTATE of the triggers that keep events append-only. */
  static final String IMMUTABLE = "EC403";
  static final String STREAM_VERSION_CONSTRAINT = "events_stream_version_key";
  static final String EVENT_ID_CONSTRAINT = "events_pkey";
  static final String MIGRATIONS_TABLE = "eventcore_schema_migrations";

  /** The schema name as configured. */
  final String name;
  /** The schema name quoted as an SQL identifier, to qualify tables and functions. */
  final String q;
  /** The LISTEN/NOTIFY channel of this schema's appends (at most 63 characters, a valid identifier). */
  final String notifyChannel;

  Schema(String name) {
    this.name = name;
    this.q = '"' + name + '"';
    this.notifyChannel = channelFor(name);
  }

  /** A channel name derived from the schema: {@code eventcore_<schema>}, shortened with a hash when too long. */
  static String channelFor(String schema) {
    String channel = "eventcore_" + schema;
    if (channel.length() <= 63) {
      return channel;
    }
    return "eventcore_" + schema.substring(0, 40) + "_" + Integer.toHexString(schema.hashCode());
  }
}

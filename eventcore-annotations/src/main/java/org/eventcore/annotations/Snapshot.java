package org.eventcore.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a command state record as worth snapshotting: the processor generates {@code <FlatName>_StateCodec} (the
 * same JSON rules and supported component types as event records), and the {@code CommandExecutor} stores the
 * folded state every {@code snapshotEvery} events in the event store's snapshot table, so that a cold executor
 * (restart, cache eviction, another process) starts from the newest snapshot and reads only the events after it.
 *
 * <p>Only states that depend on the events alone are snapshotted (every apply method on the state, initial state
 * not made by the command, no {@code discoverStreams}); for other commands of the same state the annotation has no
 * effect. The state must be a record; any other type is a compile error ({@code [SnapshotNotRecord]}), and so is a
 * component whose type no codec supports ({@code [UnsupportedComponentType]}, naming the component).
 *
 * <p>Snapshots are a cache, never the source of truth: one that cannot be decoded is ignored (the state is folded
 * from the events) and replaced.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Snapshot {
  /**
   * The meaning of the stored state, at least 1. Raise it when the state's fields or apply methods change what a
   * stored snapshot means (a new field folded from old events, a changed fold): snapshots of another version are
   * ignored, and the state is folded from the events and snapshotted again.
   */
  int version();
}

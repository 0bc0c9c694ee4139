package org.eventcore.runtime.command;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.eventcore.runtime.SerializationException;
import org.eventcore.runtime.StoredEvent;
import org.eventcore.runtime.StreamId;
import org.eventcore.runtime.codec.EventCodec;

/**
 * Folds events into a cacheable state so that it always equals a fresh fold of the same events: the streams
 * one after another in the key's order, each in version order.
 *
 * <p>An event of the last stream that had events, or of a later one, extends the state. An event of an earlier
 * stream cannot (a fresh fold would have applied it before the later streams' events, and a fold need not
 * commute), so for a key of several streams the fold also keeps the state after the first stream
 * ({@link StateCache.Later#head()}) and the decoded events of the others: an event of the first stream extends
 * that head, one of a later stream joins its stream's events, and when either breaks the order the state is
 * folded again from the head over the later streams' events, without reading the store. This keeps Transfer's
 * state cached although every transfer writes to its first stream. The kept lists are never changed once handed
 * out: they are copied before the first event is added to them.
 *
 * <p>A state of several streams whose later streams have events but that comes without what was kept (a durable
 * snapshot holds the state and its versions only) has no known head: an event of an earlier stream than the last
 * one folded then makes the fold {@link #unusable} (the streams are folded again from version 0), and nothing is
 * kept beside it.
 *
 * <p>Not thread-safe; one per read or append.
 */
final class CachedFold<C, S, E> {
  /** The estimated bytes of one kept event besides its JSON characters: the event, its list slot and values. */
  static final long EVENT_BYTES = 64;

  private final CommandBinding<C, S, E> binding;
  private final EventCodec<E> codec;
  private final C command;
  private final List<StreamId> streams;
  /** Per stream after the first: its decoded events, shared with the entry until {@link #owned} says copied. */
  private final List<List<Object>> later;
  private final boolean[] owned;
  private long laterBytes;
  private int laterCount;
  /** The state after the first stream: the state itself while the later streams have no events. */
  private S head;
  /** Index of the stream the state's last event belonged to. */
  private int current;
  /** Whether {@link #head} is the state after the first stream (false: a snapshot of several streams). */
  private final boolean headKnown;
  private boolean dirty;
  /** The folded state; call {@link #finish()} first. */
  S state;
  /** An event of a stream outside the key, or a tail that does not follow the cached versions: fold afresh. */
  boolean unusable;

  /**
   * From a cached state ({@code versions} and {@code kept} as cached), or from the initial state ({@code versions}
   * empty, {@code kept} null).
   */
  @SuppressWarnings("unchecked")
  CachedFold(CommandBinding<C, S, E> binding, C command, List<StreamId> streams, S state,
      Map<StreamId, Long> versions, StateCache.Later kept) {
    this.binding = binding;
    this.codec = binding.codec();
    this.command = command;
    this.streams = streams;
    this.state = state;
    int others = streams.size() - 1;
    this.later = new ArrayList<>(others);
    this.owned = new boolean[others];
    if (kept == null) {
      for (int i = 0; i < others; i++) {
        later.add(List.of());
      }
      this.head = state;
    } else {
      later.addAll(kept.events());
      this.head = (S) kept.head();
      this.laterBytes = kept.bytes();
      for (List<Object> events : kept.events()) {
        laterCount += events.size();
      }
    }
    int i = 0;
    for (StreamId s : streams) {
      if (versions.getOrDefault(s, 0L) > 0) {
        current = i;
      }
      i++;
    }
    this.headKnown = kept != null || current == 0;
  }

  /** Decodes one stored event (a split former version gives several) and folds it. */
  void accept(StoredEvent stored) {
    try {
      add(stored.streamId(), stored.eventType(), stored.payload());
    } catch (SerializationException e) {
      throw e.at(stored.streamId(), stored.version());
    }
  }

  /** Decodes one event of {@code stream} and folds it. */
  void add(StreamId stream, String type, String payload) {
    int index = streams.indexOf(stream);
    if (index < 0 || unusable) {
      unusable = true;
      return;
    }
    long bytes = EVENT_BYTES + 2L * payload.length();
    codec.decode(type, payload, e -> add(index, e, bytes));
  }

  private void add(int index, E event, long bytes) {
    if (!headKnown && index < current) {
      unusable = true;
      return;
    }
    if (index == 0) {
      head = binding.apply(command, head, event);
      if (laterCount == 0) {
        state = head;
      } else {
        dirty = true;
      }
      return;
    }
    List<Object> events = later.get(index - 1);
    if (!owned[index - 1]) {
      events = new ArrayList<>(events);
      later.set(index - 1, events);
      owned[index - 1] = true;
    }
    events.add(event);
    laterCount++;
    laterBytes += bytes;
    if (!dirty && index >= current) {
      state = binding.apply(command, state, event);
      current = index;
    } else {
      dirty = true;
    }
  }

  /** Folds the later streams' events again after the head when an event broke the order. */
  @SuppressWarnings("unchecked")
  void finish() {
    if (!dirty) {
      return;
    }
    S s = head;
    for (int i = 0; i < later.size(); i++) {
      for (Object e : later.get(i)) {
        s = binding.apply(command, s, (E) e);
        current = i + 1;
      }
    }
    state = s;
    dirty = false;
  }

  /** What to keep beside the state: null for one stream. */
  StateCache.Later later() {
    if (later.isEmpty() || !headKnown) {
      return null;
    }
    List<List<Object>> events = new ArrayList<>(later.size());
    for (List<Object> l : later) {
      events.add(Collections.unmodifiableList(l));
    }
    return new StateCache.Later(head, Collections.unmodifiableList(events), laterBytes);
  }
}

package org.eventcore.processor.model;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.util.List;

/**
 * A {@code @Projection} class, ready for code generation.
 *
 * @param projection the projection class
 * @param binding the class to generate
 * @param name the projection's name
 * @param families the handled families, in order of their first handler
 */
public record ProjectionModel(ClassName projection, ClassName binding, String name, List<Family> families) {
  public ProjectionModel {
    families = List.copyOf(families);
  }

  /**
   * One handled family.
   *
   * @param root the family root
   * @param codec the family's generated codec
   * @param storedNames every stored type name and alias of the family's records, in permits order, then the
   *     stored names of its former versions
   * @param dispatch one entry per event record of the family, in permits order
   * @param catchAll the handler taking the family root, used by records without a more specific one, or null
   * @param formerVersions whether the family has former versions, whose rows may stand for several events
   */
  public record Family(ClassName root, ClassName codec, List<String> storedNames, List<Dispatch> dispatch,
      Handler catchAll, boolean formerVersions) {
    public Family {
      storedNames = List.copyOf(storedNames);
      dispatch = List.copyOf(dispatch);
    }
  }

  /**
   * An on-handler.
   *
   * @param parameter the event parameter type
   * @param envelope whether it takes the {@code EventEnvelope} too
   */
  public record Handler(TypeName parameter, boolean envelope) {}

  /**
   * The handler chosen for one event record.
   *
   * @param event the event record
   * @param handler the most specific handler covering it, or null when the catch-all takes it
   */
  public record Dispatch(ClassName event, Handler handler) {}
}

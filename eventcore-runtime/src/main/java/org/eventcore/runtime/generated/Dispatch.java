package org.eventcore.runtime.generated;

import org.eventcore.runtime.InvalidInputException;

/** The failure of generated {@code instanceof} dispatchers. */
public final class Dispatch {
  private Dispatch() {}

  /**
   * The failure of a dispatcher that met an object outside the family it was generated for (only possible with
   * a stale generated class or an unchecked cast): names the family and the object's class.
   */
  public static InvalidInputException notAnEvent(String family, Object event) {
    return new InvalidInputException((event == null ? "null" : event.getClass().getName())
        + " is not an event of family " + family);
  }
}

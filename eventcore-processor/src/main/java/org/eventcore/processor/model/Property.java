package org.eventcore.processor.model;

import javax.lang.model.element.Element;

/**
 * One record component as the codec sees it.
 *
 * @param name the Java component name (also its accessor)
 * @param jsonName the JSON property name ({@code @JsonName} or the component name)
 * @param json how its type is encoded
 * @param required whether an absent (or null, for a stream id) value is an error: primitives and event streams
 * @param source the component, for diagnostics only; generators never read it
 */
public record Property(String name, String jsonName, JsonType json, boolean required, Element source) {}

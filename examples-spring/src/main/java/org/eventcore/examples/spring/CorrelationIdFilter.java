package org.eventcore.examples.spring;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import org.eventcore.runtime.UuidV7;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request a correlation id: the client's {@code X-Correlation-Id} when it is a UUID, else a new
 * UUIDv7. It goes into the response header of every answer (errors included), into the metadata of every event
 * the request's command writes, and into problem details.
 */
public final class CorrelationIdFilter extends OncePerRequestFilter {
  public static final String HEADER = "X-Correlation-Id";
  static final String ATTRIBUTE = CorrelationIdFilter.class.getName();

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    UUID id = parse(request.getHeader(HEADER));
    request.setAttribute(ATTRIBUTE, id);
    response.setHeader(HEADER, id.toString());
    chain.doFilter(request, response);
  }

  /** The request's correlation id (set by this filter). */
  public static UUID of(HttpServletRequest request) {
    Object id = request.getAttribute(ATTRIBUTE);
    return id instanceof UUID u ? u : UuidV7.next();
  }

  private static UUID parse(String header) {
    if (header != null) {
      try {
        return UUID.fromString(header.trim());
      } catch (IllegalArgumentException notAUuid) {
        // a new one below
      }
    }
    return UuidV7.next();
  }
}

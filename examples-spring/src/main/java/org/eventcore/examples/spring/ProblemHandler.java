package org.eventcore.examples.spring;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.eventcore.runtime.CommandRejectedException;
import org.eventcore.runtime.ConcurrencyConflictException;
import org.eventcore.runtime.EventCoreException;
import org.eventcore.runtime.InvalidInputException;
import org.eventcore.runtime.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error as an RFC 9457 problem detail ({@code application/problem+json}) carrying the request's
 * {@code correlationId}:
 * <table>
 *   <caption>mapping</caption>
 *   <tr><th>exception</th><th>status</th><th>type</th></tr>
 *   <tr><td>CommandRejectedException (a business rule; detail = the rule's message)</td><td>422</td>
 *       <td>urn:eventcore:problem:command-rejected</td></tr>
 *   <tr><td>ConcurrencyConflictException (version conflicts after every retry)</td><td>409</td>
 *       <td>urn:eventcore:problem:concurrency-conflict</td></tr>
 *   <tr><td>InvalidInputException, unreadable JSON, bad parameters</td><td>400</td>
 *       <td>urn:eventcore:problem:invalid-input (about:blank for Spring's own)</td></tr>
 *   <tr><td>StoreException (database unreachable, timed out)</td><td>503, Retry-After: 1</td>
 *       <td>urn:eventcore:problem:store-unavailable</td></tr>
 *   <tr><td>unknown account in the read model</td><td>404</td><td>urn:eventcore:problem:account-not-found</td></tr>
 * </table>
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

  @ExceptionHandler(CommandRejectedException.class)
  ResponseEntity<Object> rejected(CommandRejectedException e, HttpServletRequest request) {
    return problem(HttpStatus.UNPROCESSABLE_CONTENT, "command-rejected", "Command rejected", e.getMessage(), request);
  }

  @ExceptionHandler(ConcurrencyConflictException.class)
  ResponseEntity<Object> conflict(ConcurrencyConflictException e, HttpServletRequest request) {
    return problem(HttpStatus.CONFLICT, "concurrency-conflict", "Concurrent modification", e.getMessage(), request);
  }

  @ExceptionHandler(InvalidInputException.class)
  ResponseEntity<Object> invalid(InvalidInputException e, HttpServletRequest request) {
    return problem(HttpStatus.BAD_REQUEST, "invalid-input", "Invalid input", e.getMessage(), request);
  }

  @ExceptionHandler(StoreException.class)
  ResponseEntity<Object> unavailable(StoreException e, HttpServletRequest request) {
    log.warn("store unavailable during {} {}: {}", request.getMethod(), request.getRequestURI(), e.getMessage());
    ResponseEntity<Object> r = problem(HttpStatus.SERVICE_UNAVAILABLE, "store-unavailable", "Event store unavailable",
        "the event store did not answer (" + e.operation() + "); retry later", request);
    return ResponseEntity.status(r.getStatusCode()).headers(h -> {
      h.addAll(r.getHeaders());
      h.set(HttpHeaders.RETRY_AFTER, "1");
    }).body(r.getBody());
  }

  @ExceptionHandler(BankController.AccountNotFound.class)
  ResponseEntity<Object> notFound(BankController.AccountNotFound e, HttpServletRequest request) {
    return problem(HttpStatus.NOT_FOUND, "account-not-found", "Account not found", e.getMessage(), request);
  }

  @ExceptionHandler(EventCoreException.class)
  ResponseEntity<Object> other(EventCoreException e, HttpServletRequest request) {
    log.error("request {} {} failed", request.getMethod(), request.getRequestURI(), e);
    return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Internal error", e.getClass().getSimpleName(),
        request);
  }

  /** Spring MVC's own problems (unreadable JSON, wrong method, ...) get the correlation id too. */
  @Override
  protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
      WebRequest request) {
    if (body instanceof ProblemDetail p && request instanceof ServletWebRequest servlet) {
      p.setProperty("correlationId", CorrelationIdFilter.of(servlet.getRequest()));
    }
    return super.createResponseEntity(body, headers, status, request);
  }

  private static ResponseEntity<Object> problem(HttpStatus status, String type, String title, String detail,
      HttpServletRequest request) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
    p.setType(URI.create("urn:eventcore:problem:" + type));
    p.setTitle(title);
    p.setInstance(URI.create(request.getRequestURI()));
    p.setProperty("correlationId", CorrelationIdFilter.of(request));
    return ResponseEntity.status(status).body(p);
  }
}

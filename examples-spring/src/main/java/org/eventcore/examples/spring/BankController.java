package org.eventcore.examples.spring;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eventcore.examples.bank.Deposit;
import org.eventcore.examples.bank.OpenAccount;
import org.eventcore.examples.bank.Transfer;
import org.eventcore.examples.bank.Withdraw;
import org.eventcore.runtime.EventMetadata;
import org.eventcore.runtime.InvalidInputException;
import org.eventcore.runtime.StreamId;
import org.eventcore.runtime.command.CommandExecutor;
import org.eventcore.runtime.command.ExecutionResult;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The bank over HTTP. Commands (POST) run through the auto-configured {@link CommandExecutor} with the request's
 * correlation id in the events' metadata; queries (GET) read the projections' SQL read models. Errors become
 * RFC 9457 problem details ({@link ProblemHandler}).
 */
@RestController
public class BankController {
  private final CommandExecutor executor;
  private final ReadModel readModel;

  public BankController(CommandExecutor executor, ReadModel readModel) {
    this.executor = executor;
    this.readModel = readModel;
  }

  /** {@code {"id": "acct-1", "owner": "Ada"}}. */
  public record OpenRequest(String id, String owner) {}

  /** {@code {"amountCents": 500}}. */
  public record AmountRequest(Long amountCents) {}

  /** {@code {"from": "acct-1", "to": "acct-2", "amountCents": 250}}. */
  public record TransferRequest(String from, String to, Long amountCents) {}

  /**
   * What a command wrote.
   *
   * @param correlationId stored in the metadata of every event written
   * @param events the event types written, in order
   * @param versions each stream's version after the append
   * @param attempts how many attempts the command took (version conflicts retried)
   */
  public record CommandResponse(UUID correlationId, List<String> events, Map<String, Long> versions, int attempts) {}

  @PostMapping("/accounts")
  @ResponseStatus(HttpStatus.CREATED)
  public CommandResponse open(@RequestBody OpenRequest body, HttpServletRequest request) {
    return run(new OpenAccount(account(body.id(), "id"), body.owner()), request);
  }

  @PostMapping("/accounts/{id}/deposits")
  public CommandResponse deposit(@PathVariable String id, @RequestBody AmountRequest body,
      HttpServletRequest request) {
    return run(new Deposit(account(id, "id"), amount(body.amountCents())), request);
  }

  @PostMapping("/accounts/{id}/withdrawals")
  public CommandResponse withdraw(@PathVariable String id, @RequestBody AmountRequest body,
      HttpServletRequest request) {
    return run(new Withdraw(account(id, "id"), amount(body.amountCents())), request);
  }

  @PostMapping("/transfers")
  public CommandResponse transfer(@RequestBody TransferRequest body, HttpServletRequest request) {
    return run(new Transfer(account(body.from(), "from"), account(body.to(), "to"), amount(body.amountCents())),
        request);
  }

  /** The balance from the read model; 404 when the account is unknown or not yet projected. */
  @GetMapping("/accounts/{id}")
  public ReadModel.Balance balance(@PathVariable String id) {
    String account = account(id, "id").value();
    return readModel.balance(account).orElseThrow(() -> new AccountNotFound(account));
  }

  /** The account's deposits (positive) and withdrawals (negative) from the read model, in stream order. */
  @GetMapping("/accounts/{id}/history")
  public List<ReadModel.Entry> history(@PathVariable String id) {
    String account = account(id, "id").value();
    if (readModel.balance(account).isEmpty()) {
      throw new AccountNotFound(account);
    }
    return readModel.history(account);
  }

  private CommandResponse run(Object command, HttpServletRequest request) {
    UUID correlationId = CorrelationIdFilter.of(request);
    ExecutionResult result = executor.execute(command, EventMetadata.builder().correlationId(correlationId)
        .causationId(correlationId).put("source", "http " + request.getMethod() + " " + request.getRequestURI())
        .build());
    Map<String, Long> versions = new LinkedHashMap<>();
    result.streamVersions().forEach((stream, version) -> versions.put(stream.value(), version));
    return new CommandResponse(correlationId, result.events().stream().map(e -> e.getClass().getSimpleName())
        .toList(), versions, result.attempts());
  }

  private static StreamId account(String id, String field) {
    if (id == null) {
      throw new InvalidInputException("'" + field + "' is required: the account id");
    }
    return StreamId.of(id);
  }

  private static long amount(Long cents) {
    if (cents == null) {
      throw new InvalidInputException("'amountCents' is required: a whole number of cents");
    }
    return cents;
  }

  /** No such account in the read model. */
  static final class AccountNotFound extends RuntimeException {
    private static final long serialVersionUID = 1L;

    AccountNotFound(String account) {
      super("account " + account + " is not in the read model (unknown, or its opening not yet projected)");
    }
  }
}

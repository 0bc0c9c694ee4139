package org.eventcore.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.eventcore.examples.bank.Deposit;
import org.eventcore.postgres.PostgresConfig;
import org.eventcore.postgres.PostgresEventStore;
import org.eventcore.postgres.testing.PostgresTestDatabase;
import org.eventcore.runtime.StoredEvent;
import org.eventcore.runtime.StreamId;
import org.eventcore.runtime.command.CommandExecutor;
import org.eventcore.runtime.store.EventStream;
import org.eventcore.spring.boot.EventCoreProjections;
import org.eventcore.spring.boot.EventCoreProperties;
import org.eventcore.testing.InterferingEventStore;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The bank's REST API over real HTTP on a random port, on embedded PostgreSQL: concurrent transfers from 8
 * client threads, the read model checked against the event streams after catch-up, and every error mapping.
 *
 * <p>The store, projections and health are the starter's; the test replaces only the {@link CommandExecutor}
 * (the starter backs off) with one whose store can inject a genuine version conflict on demand, so that
 * "conflicts exhausted" is exercised deterministically.
 */
@SpringBootTest(classes = BankWebApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Import(BankApiTest.ConflictOnDemand.class)
class BankApiTest {
  private static final PostgresConfig DB = PostgresTestDatabase.newSchema("bank_web").build();
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", DB::url);
    registry.add("spring.datasource.username", DB::user);
    if (DB.password() != null) {
      registry.add("spring.datasource.password", DB::password);
    }
    registry.add("eventcore.postgres.schema", DB::schema);
    // a lock held by the 503 test makes the app's statements give up after 3 s instead of waiting forever
    registry.add("spring.datasource.hikari.connection-init-sql", () -> "SET lock_timeout = '3s'");
  }

  /** Holds the conflict-injecting wrapper; not an EventStore bean itself, so the starter's store stays. */
  record Interference(InterferingEventStore store) {}

  @TestConfiguration(proxyBeanMethods = false)
  static class ConflictOnDemand {
    @Bean
    Interference interference(PostgresEventStore store) {
      return new Interference(new InterferingEventStore(store));
    }

    @Bean
    CommandExecutor commandExecutor(Interference interference, EventCoreProperties properties) {
      return CommandExecutor.builder(interference.store()).retryPolicy(properties.getCommand().getRetry().toPolicy())
          .build();
    }
  }

  @LocalServerPort int port;
  @Autowired PostgresEventStore store;
  @Autowired Interference interference;
  @Autowired CommandExecutor executor;
  @Autowired EventCoreProjections projections;

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();

  record Reply(int status, String contentType, UUID correlationId, JsonNode body) {}

  @Test
  @Order(1)
  void concurrentTransfersKeepMoneyConservedAndTheReadModelAgrees() throws Exception {
    List<String> accounts = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      String id = "acct-c" + i;
      accounts.add(id);
      assertThat(post("/accounts", "{\"id\":\"" + id + "\",\"owner\":\"owner " + i + "\"}").status()).isEqualTo(201);
      assertThat(post("/accounts/" + id + "/deposits", "{\"amountCents\":10000}").status()).isEqualTo(200);
    }
    Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
    Set<UUID> correlationIds = ConcurrentHashMap.newKeySet();
    ExecutorService clients = Executors.newFixedThreadPool(8);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      done.add(clients.submit(() -> {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 25; i++) {
          int from = random.nextInt(accounts.size());
          int to = (from + 1 + random.nextInt(accounts.size() - 1)) % accounts.size();
          Reply r = post("/transfers", "{\"from\":\"" + accounts.get(from) + "\",\"to\":\"" + accounts.get(to)
              + "\",\"amountCents\":" + (1 + random.nextInt(4000)) + "}");
          statuses.merge(r.status(), 1, Integer::sum);
          assertThat(r.correlationId()).isNotNull();
          if (r.status() == 200) {
            assertThat(r.body().get("correlationId").asString()).isEqualTo(r.correlationId().toString());
            correlationIds.add(r.correlationId());
          }
        }
        return null;
      }));
    }
    for (Future<?> f : done) {
      f.get(120, TimeUnit.SECONDS);
    }
    clients.shutdown();
    assertThat(statuses.keySet()).as("statuses %s", statuses).isSubsetOf(200, 422, 409);
    assertThat(statuses.getOrDefault(200, 0)).isPositive();

    awaitReadModels();
    long total = 0;
    Set<UUID> storedCorrelations = new java.util.HashSet<>();
    for (String id : accounts) {
      long fromEvents = 0;
      int entries = 0;
      try (EventStream events = store.readStream(StreamId.of(id), 0)) {
        while (events.hasNext()) {
          StoredEvent e = events.next();
          long amount = amountOf(e);
          fromEvents += amount;
          entries += amount == 0 ? 0 : 1;
          if (e.eventType().equals("MoneyWithdrawn") || e.eventType().equals("MoneyDeposited")) {
            storedCorrelations.add(e.metadata().correlationId());
          }
        }
      }
      Reply balance = get("/accounts/" + id);
      assertThat(balance.status()).isEqualTo(200);
      assertThat(balance.body().get("balanceCents").asLong()).as("read model balance of %s", id).isEqualTo(fromEvents);
      assertThat(balance.body().get("entries").asLong()).isEqualTo(entries);
      Reply history = get("/accounts/" + id + "/history");
      long sum = 0;
      for (JsonNode entry : history.body()) {
        sum += entry.get("amountCents").asLong();
      }
      assertThat(history.body().size()).isEqualTo(entries);
      assertThat(sum).isEqualTo(fromEvents);
      total += fromEvents;
    }
    assertThat(total).as("money is conserved").isEqualTo(6 * 10_000);
    assertThat(storedCorrelations).as("every successful transfer's correlation id is in its events' metadata")
        .containsAll(correlationIds);
  }

  @Test
  @Order(2)
  void theClientsCorrelationIdIsStoredAndReturned() throws Exception {
    post("/accounts", "{\"id\":\"acct-corr\",\"owner\":\"Cy\"}");
    UUID mine = UUID.randomUUID();
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri("/accounts/acct-corr/deposits"))
        .header("Content-Type", "application/json").header("X-Correlation-Id", mine.toString())
        .POST(HttpRequest.BodyPublishers.ofString("{\"amountCents\":42}")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("X-Correlation-Id")).contains(mine.toString());
    try (EventStream events = store.readStream(StreamId.of("acct-corr"), 1)) {
      assertThat(events.next().metadata().correlationId()).isEqualTo(mine);
    }
    awaitReadModels();
    Reply history = get("/accounts/acct-corr/history");
    assertThat(history.body().get(0).get("correlationId").asString()).isEqualTo(mine.toString());
  }

  @Test
  @Order(3)
  void aBusinessRejectionIs422WithTheRulesMessage() throws Exception {
    post("/accounts", "{\"id\":\"acct-poor\",\"owner\":\"Pat\"}");
    Reply r = post("/accounts/acct-poor/withdrawals", "{\"amountCents\":500}");
    assertProblem(r, 422, "urn:eventcore:problem:command-rejected");
    assertThat(r.body().get("detail").asString())
        .isEqualTo("account acct-poor has insufficient funds: balance 0, withdrawal 500");
    assertProblem(post("/accounts", "{\"id\":\"acct-poor\",\"owner\":\"Pat\"}"), 422,
        "urn:eventcore:problem:command-rejected");
  }

  @Test
  @Order(4)
  void invalidInputIs400() throws Exception {
    Reply blankId = post("/accounts", "{\"id\":\"   \",\"owner\":\"Nobody\"}");
    assertProblem(blankId, 400, "urn:eventcore:problem:invalid-input");
    assertThat(blankId.body().get("detail").asString()).contains("stream id");
    Reply noAmount = post("/accounts/acct-c0/deposits", "{}");
    assertProblem(noAmount, 400, "urn:eventcore:problem:invalid-input");
    assertThat(noAmount.body().get("detail").asString()).contains("amountCents");
    Reply malformed = post("/accounts/acct-c0/deposits", "{\"amountCents\":");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.contentType()).startsWith("application/problem+json");
    assertThat(malformed.body().get("correlationId").asString()).isEqualTo(malformed.correlationId().toString());
  }

  @Test
  @Order(5)
  void conflictsThatOutlastTheRetriesAre409() throws Exception {
    post("/accounts", "{\"id\":\"acct-busy\",\"owner\":\"Bo\"}");
    int attempts = executor.retryPolicy().maxAttempts();
    CommandExecutor competitor = new CommandExecutor(store);
    // before each of the request's attempts, another writer deposits first: every attempt meets a real conflict
    interference.store().interfere(attempts, s -> competitor.execute(new Deposit(StreamId.of("acct-busy"), 1)));
    Reply r = post("/accounts/acct-busy/deposits", "{\"amountCents\":100}");
    assertProblem(r, 409, "urn:eventcore:problem:concurrency-conflict");
    assertThat(r.body().get("detail").asString()).contains("acct-busy");
  }

  @Test
  @Order(6)
  void unknownAccountsAre404() throws Exception {
    assertProblem(get("/accounts/acct-nobody"), 404, "urn:eventcore:problem:account-not-found");
    assertProblem(get("/accounts/acct-nobody/history"), 404, "urn:eventcore:problem:account-not-found");
  }

  @Test
  @Order(7)
  void actuatorReportsTheStoreAndBothProjections() throws Exception {
    awaitReadModels();
    Reply health = get("/actuator/health");
    assertThat(health.status()).isEqualTo(200);
    JsonNode eventcore = health.body().get("components").get("eventcore");
    assertThat(eventcore.get("status").asString()).isEqualTo("UP");
    assertThat(eventcore.get("details").get("projections").get("bank-balances-sql").get("state").asString())
        .isEqualTo("LEADING");
    Reply endpoint = get("/actuator/eventcore");
    assertThat(endpoint.body().get("storeReachable").asBoolean()).isTrue();
    List<String> names = new ArrayList<>();
    endpoint.body().get("projections").forEach(p -> names.add(p.get("name").asString()));
    assertThat(names).containsExactlyInAnyOrder("bank-balances-sql", "bank-history-sql");
    assertThat(get("/actuator/eventcore/bank-history-sql").body().get("lag").asLong()).isZero();
  }

  @Test
  @Order(100)
  void aStoreThatDoesNotAnswerIs503() throws Exception {
    post("/accounts", "{\"id\":\"acct-locked\",\"owner\":\"Lo\"}");
    try (Connection c = PostgresTestDatabase.connect()) {
      c.setAutoCommit(false);
      try (Statement st = c.createStatement()) {
        st.execute("LOCK TABLE \"" + DB.schema() + "\".events IN ACCESS EXCLUSIVE MODE");
      }
      Reply r = post("/accounts/acct-locked/deposits", "{\"amountCents\":100}");
      assertProblem(r, 503, "urn:eventcore:problem:store-unavailable");
      c.rollback();
    }
    assertThat(post("/accounts/acct-locked/deposits", "{\"amountCents\":100}").status()).isEqualTo(200);
  }

  private void assertProblem(Reply r, int status, String type) {
    assertThat(r.status()).as("status of %s", r.body()).isEqualTo(status);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.body().get("type").asString()).isEqualTo(type);
    assertThat(r.body().get("status").asInt()).isEqualTo(status);
    assertThat(r.body().get("correlationId").asString()).isEqualTo(r.correlationId().toString());
  }

  private void awaitReadModels() throws InterruptedException {
    for (String name : List.of("bank-balances-sql", "bank-history-sql")) {
      assertThat(projections.runner(name).orElseThrow().awaitCaughtUp(Duration.ofSeconds(60)))
          .as("projection %s caught up", name).isTrue();
    }
  }

  private static long amountOf(StoredEvent e) {
    JsonNode payload = JSON.readTree(e.payload());
    return switch (e.eventType()) {
      case "MoneyDeposited" -> payload.get("amountCents").asLong();
      case "MoneyWithdrawn" -> -payload.get("amountCents").asLong();
      default -> 0;
    };
  }

  private URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }

  private Reply post(String path, String json) throws Exception {
    return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build());
  }

  private Reply get(String path) throws Exception {
    return send(HttpRequest.newBuilder(uri(path)).GET().build());
  }

  private Reply send(HttpRequest request) throws Exception {
    HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
    UUID correlation = r.headers().firstValue("X-Correlation-Id").map(UUID::fromString).orElse(null);
    assertThat(correlation).as("X-Correlation-Id of %s %s", request.method(), request.uri()).isNotNull();
    JsonNode body = JSON.readTree(r.body().isEmpty() ? "null" : r.body());
    return new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), correlation, body);
  }
}

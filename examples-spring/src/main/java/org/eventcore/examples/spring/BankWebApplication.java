package org.eventcore.examples.spring;

import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.eventcore.examples.bank.ExampleDatabase;
import org.eventcore.examples.bank.SqlBalances;
import org.eventcore.postgres.PostgresConfig;
import org.eventcore.spring.boot.EventCoreProperties;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * The bank as a Spring Boot web service. The starter configures the store on Boot's DataSource, the executor and
 * the projections; this class adds the two SQL read models (balances from the bank example's
 * {@link SqlBalances}, history from {@link AccountHistory}) and the correlation-id filter.
 *
 * <p>{@link #main} runs it on DATABASE_URL when set, else on an embedded PostgreSQL 17 started for the run (the
 * bank example's {@link ExampleDatabase}), and prints the URL.
 */
@SpringBootApplication
public class BankWebApplication {

  @Bean
  CorrelationIdFilter correlationIdFilter() {
    return new CorrelationIdFilter();
  }

  @Bean
  ReadModel readModel(DataSource dataSource, EventCoreProperties properties) {
    return new ReadModel(dataSource, properties.getPostgres().getSchema());
  }

  @Bean
  SqlBalances balances(EventCoreProperties properties) {
    return new SqlBalances(properties.getPostgres().getSchema());
  }

  @Bean
  AccountHistory history(EventCoreProperties properties) {
    return new AccountHistory(properties.getPostgres().getSchema());
  }

  public static void main(String[] args) {
    ExampleDatabase database = ExampleDatabase.start();
    PostgresConfig db = database.config();
    Map<String, Object> defaults = new HashMap<>();
    defaults.put("spring.datasource.url", db.url());
    defaults.put("spring.datasource.username", db.user());
    if (db.password() != null) {
      defaults.put("spring.datasource.password", db.password());
    }
    defaults.put("eventcore.postgres.schema", db.schema());
    SpringApplication app = new SpringApplication(BankWebApplication.class);
    app.setDefaultProperties(defaults);
    app.setRegisterShutdownHook(false); // ours closes the context first, then the embedded database
    ConfigurableApplicationContext context = app.run(args);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      context.close();
      database.close();
    }, "bank-shutdown"));
    String port = context.getEnvironment().getProperty("local.server.port");
    System.out.println("EventCore bank on " + database.description());
    System.out.println("Listening on http://localhost:" + port + "  (try: curl -s http://localhost:" + port
        + "/actuator/health)");
  }
}

package org.eventcore.spring.boot.app;

import org.eventcore.spring.boot.DeliveryLog;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/** The smallest application: Boot's auto-configuration (DataSource, EventCore) and one projection bean. */
@SpringBootConfiguration
@EnableAutoConfiguration
public class BankTestApplication {
  @Bean
  DeliveryLog deliveryLog() {
    return new DeliveryLog();
  }
}

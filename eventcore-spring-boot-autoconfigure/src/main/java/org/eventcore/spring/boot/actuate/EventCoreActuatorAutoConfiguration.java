package org.eventcore.spring.boot.actuate;

import org.eventcore.spring.boot.EventCoreAutoConfiguration;
import org.eventcore.spring.boot.EventCoreProjections;
import org.eventcore.spring.boot.EventCoreProperties;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Actuator support, when the application runs {@link EventCoreProjections}: the {@code eventcore} health indicator
 * (spring-boot-health on the class path, {@code management.health.eventcore.enabled}, default on) and the
 * {@code eventcore} endpoint (spring-boot-actuator on the class path, the endpoint available), each backing off
 * when the application defines its own bean of the type.
 */
@AutoConfiguration(after = EventCoreAutoConfiguration.class)
@ConditionalOnBean(EventCoreProjections.class)
public final class EventCoreActuatorAutoConfiguration {

  /** The health indicator. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(HealthIndicator.class)
  @ConditionalOnEnabledHealthIndicator("eventcore")
  static class Health {
    @Bean
    @ConditionalOnMissingBean(name = "eventcoreHealthIndicator")
    EventCoreHealthIndicator eventcoreHealthIndicator(EventCoreProjections projections,
        EventCoreProperties properties) {
      return new EventCoreHealthIndicator(projections, properties);
    }
  }

  /** The endpoint. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
  @ConditionalOnAvailableEndpoint(EventCoreEndpoint.class)
  static class Endpoint {
    @Bean
    @ConditionalOnMissingBean
    EventCoreEndpoint eventCoreEndpoint(EventCoreProjections projections) {
      return new EventCoreEndpoint(projections);
    }
  }
}

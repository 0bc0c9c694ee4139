package org.eventcore.spring.boot;

import io.micrometer.core.instrument.MeterRegistry;
import org.eventcore.runtime.command.CommandExecutor;
import org.eventcore.runtime.projection.ProjectionSource;
import org.eventcore.runtime.store.EventStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What runs on the event store (the auto-configured one or the application's own {@link EventStore} bean), each
 * backing off when the application defines its own bean of the type:
 * <ul>
 *   <li>a {@link CommandExecutor} with the retry policy of {@code eventcore.command.retry.*};</li>
 *   <li>{@link EventCoreProjections}, which runs every {@code @Projection} bean, when the store (or another bean)
 *       is a {@link ProjectionSource};</li>
 *   <li>with Micrometer and a {@link MeterRegistry} bean, executor and projection metrics recorded there.</li>
 * </ul>
 */
@AutoConfiguration(after = EventCoreStoreAutoConfiguration.class)
@ConditionalOnBean(EventStore.class)
@EnableConfigurationProperties(EventCoreProperties.class)
public final class EventCoreAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  CommandExecutor commandExecutor(EventStore store, EventCoreProperties properties,
      ObjectProvider<CommandExecutorCustomizer> customizers) {
    CommandExecutor.Builder b = CommandExecutor.builder(store)
        .retryPolicy(properties.getCommand().getRetry().toPolicy());
    customizers.orderedStream().forEach(c -> c.customize(b));
    return b.build();
  }

  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnBean(ProjectionSource.class)
  EventCoreProjections eventCoreProjections(ProjectionSource source, EventCoreProperties properties,
      ObjectProvider<ProjectionOptionsCustomizer> customizers, ConfigurableListableBeanFactory beans) {
    return new EventCoreProjections(source, properties, customizers.orderedStream().toList(), beans);
  }

  /** Executor and projection metrics into the application's MeterRegistry, when there is one. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(MeterRegistry.class)
  static class Metrics {
    @Bean
    CommandExecutorCustomizer eventCoreExecutorMetrics(ObjectProvider<MeterRegistry> registry) {
      return builder -> {
        MeterRegistry r = registry.getIfUnique();
        if (r != null) {
          builder.meterRegistry(r);
        }
      };
    }

    @Bean
    ProjectionOptionsCustomizer eventCoreProjectionMetrics(ObjectProvider<MeterRegistry> registry) {
      return (name, options) -> {
        MeterRegistry r = registry.getIfUnique();
        return r == null || options.meterRegistry() != null ? options : options.withMeterRegistry(r);
      };
    }
  }
}

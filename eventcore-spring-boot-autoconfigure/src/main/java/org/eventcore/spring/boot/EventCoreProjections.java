package org.eventcore.spring.boot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.eventcore.annotations.GeneratedNames;
import org.eventcore.runtime.InvalidInputException;
import org.eventcore.runtime.projection.ProjectionBindings;
import org.eventcore.runtime.projection.ProjectionOptions;
import org.eventcore.runtime.projection.ProjectionRunner;
import org.eventcore.runtime.projection.ProjectionSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.util.ClassUtils;

/**
 * Runs every {@code @Projection} bean of the context with a {@link ProjectionRunner}, as one Spring
 * {@link SmartLifecycle}: started when the context has refreshed (every singleton is ready), before the web server
 * takes requests; stopped on shutdown after the web server, each runner finishing its event in progress and
 * saving its checkpoint, all runners in parallel within Spring's shutdown-phase timeout.
 *
 * <p>A bean is a projection when the annotation processor generated a binding for its class
 * ({@code @Projection} is not retained at run time). Each runs {@link ProjectionRunner#runContinuous()}: it leads,
 * or stands by while another instance leads, exactly as without Spring. Options come from
 * {@code eventcore.projections.<name>.*} ({@link ProjectionProperties}), then every
 * {@link ProjectionOptionsCustomizer}; {@code enabled=false} leaves a projection alone.
 *
 * <p>A stopped {@link ProjectionRunner} cannot be restarted, so each {@link #start()} builds new runners; their
 * counters start from zero, their checkpoints continue from the store.
 */
public final class EventCoreProjections implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(EventCoreProjections.class);

  /** Below the web server's phases: projections start before it takes requests and stop after it drains. */
  public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

  private final ProjectionSource source;
  private final EventCoreProperties properties;
  private final List<ProjectionOptionsCustomizer> customizers;
  private final ListableBeanFactory beans;
  private volatile Map<String, ProjectionRunner<?>> runners = Map.of();
  private volatile boolean running;

  public EventCoreProjections(ProjectionSource source, EventCoreProperties properties,
      List<ProjectionOptionsCustomizer> customizers, ListableBeanFactory beans) {
    this.source = source;
    this.properties = properties;
    this.customizers = List.copyOf(customizers);
    this.beans = beans;
  }

  /** The runners of the current run, by projection name; empty before the first start. */
  public Map<String, ProjectionRunner<?>> runners() {
    return runners;
  }

  /** The runner of projection {@code name}, if it is running (or ran last). */
  public Optional<ProjectionRunner<?>> runner(String name) {
    return Optional.ofNullable(runners.get(name));
  }

  /** The source the projections read from. */
  public ProjectionSource source() {
    return source;
  }

  @Override
  public synchronized void start() {
    if (running) {
      return;
    }
    Map<String, ProjectionRunner<?>> started = new LinkedHashMap<>();
    try {
      for (Map.Entry<String, Object> p : projectionBeans().entrySet()) {
        String name = p.getKey();
        ProjectionProperties props = properties.projection(name);
        if (!props.isEnabled()) {
          log.info("projection '{}' is disabled (eventcore.projections.{}.enabled=false)", name, name);
          continue;
        }
        ProjectionOptions options = props.toOptions();
        for (ProjectionOptionsCustomizer c : customizers) {
          options = c.customize(name, options);
        }
        started.put(name, new ProjectionRunner<>(source, p.getValue(), options).start());
      }
    } catch (RuntimeException e) {
      started.values().forEach(ProjectionRunner::stop);
      throw e;
    }
    runners = Map.copyOf(started);
    running = true;
    log.info("started {} projection runner(s): {}", started.size(), started.keySet());
  }

  @Override
  public void stop() {
    CountDownLatch done = new CountDownLatch(1);
    stop(done::countDown);
    try {
      done.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops every runner in parallel (each finishes its event in progress and saves its checkpoint). */
  @Override
  public synchronized void stop(Runnable callback) {
    if (!running) {
      callback.run();
      return;
    }
    running = false;
    List<Thread> stoppers = new ArrayList<>();
    for (ProjectionRunner<?> r : runners.values()) {
      Thread t = new Thread(r::stop, "eventcore-projection-stop-" + r.name());
      t.start();
      stoppers.add(t);
    }
    Thread waiter = new Thread(() -> {
      for (Thread t : stoppers) {
        try {
          t.join();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      log.info("stopped {} projection runner(s)", stoppers.size());
      callback.run();
    }, "eventcore-projections-stop");
    waiter.start();
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }

  /** Singleton beans whose class has a generated projection binding, by projection name. */
  private Map<String, Object> projectionBeans() {
    Map<String, Object> found = new LinkedHashMap<>();
    Map<String, String> beanNames = new LinkedHashMap<>();
    for (String beanName : beans.getBeanNamesForType(Object.class, false, false)) {
      Class<?> type = beans.getType(beanName, false);
      if (type == null) {
        continue;
      }
      Class<?> user = ClassUtils.getUserClass(type);
      if (!ClassUtils.isPresent(GeneratedNames.projectionBindingName(user.getName()), user.getClassLoader())) {
        continue;
      }
      Object bean = unwrap(beans.getBean(beanName));
      String name = ProjectionBindings.of(bean.getClass()).name();
      String other = beanNames.putIfAbsent(name, beanName);
      if (other != null) {
        throw new InvalidInputException("beans '" + other + "' and '" + beanName + "' are both projection '" + name
            + "': they would share one checkpoint and one lead; give one of them another @Projection name");
      }
      found.put(name, bean);
    }
    return found;
  }

  /** The object behind an AOP proxy: the runner needs the projection class its binding was generated for. */
  private static Object unwrap(Object bean) {
    Object target = bean;
    for (Object next = AopProxyUtils.getSingletonTarget(target); next != null;
        next = AopProxyUtils.getSingletonTarget(target)) {
      target = next;
    }
    return target;
  }
}

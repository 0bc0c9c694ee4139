package org.eventcore.spring.boot;

import java.time.Duration;
import org.eventcore.runtime.projection.ErrorPolicy;
import org.eventcore.runtime.projection.EventFilter;
import org.eventcore.runtime.projection.ProjectionOptions;

/**
 * The options of one projection, {@code eventcore.projections.<name>.*}; unset values keep the defaults of
 * {@link ProjectionOptions#defaults()}.
 */
public class ProjectionProperties {

  /** What a handler failure does. */
  public enum OnError { STOP, SKIP, RETRY }

  /** Whether the starter runs this projection at all. */
  private boolean enabled = true;
  /** Events per read (and per transaction when transactional). */
  private Integer batchSize;
  /** Longest wait between reads when no append notification arrives. */
  private Duration pollInterval;
  /** How often a standby instance tries to take the lead. */
  private Duration standbyInterval;
  /** Write the read model and the checkpoint in one transaction (PostgreSQL; handlers use the envelope's transaction). */
  private boolean transactional;
  /** What a handler failure does: stop the projection, skip the event, or retry it. */
  private OnError onError = OnError.STOP;
  /** With on-error=retry: attempts per event before the projection stops. */
  private int retryMaxAttempts = 3;
  /** With on-error=retry: delay before the first retry, doubled per retry. */
  private Duration retryInitialDelay = Duration.ofMillis(100);
  /** With on-error=retry: cap on the retry delay. */
  private Duration retryMaxDelay = Duration.ofSeconds(5);
  /** Only events of streams whose id starts with this prefix. */
  private String streamPrefix;
  /** Only events of streams whose id matches this glob ('*' any run, '?' one character). */
  private String streamPattern;

  /** These properties applied to the defaults. */
  ProjectionOptions toOptions() {
    ProjectionOptions o = ProjectionOptions.defaults();
    if (batchSize != null) {
      o = o.withBatchSize(batchSize);
    }
    if (pollInterval != null) {
      o = o.withPollInterval(pollInterval);
    }
    if (standbyInterval != null) {
      o = o.withStandbyInterval(standbyInterval);
    }
    o = o.withTransactional(transactional).withErrorPolicy(switch (onError) {
      case STOP -> ErrorPolicy.stop();
      case SKIP -> ErrorPolicy.skip();
      case RETRY -> ErrorPolicy.retry(retryMaxAttempts, retryInitialDelay, retryMaxDelay);
    });
    EventFilter filter = EventFilter.all();
    if (streamPrefix != null) {
      filter = filter.withStreamPrefix(streamPrefix);
    }
    if (streamPattern != null) {
      filter = filter.withStreamPattern(streamPattern);
    }
    return o.withFilter(filter);
  }

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public Integer getBatchSize() {
    return batchSize;
  }

  public void setBatchSize(Integer batchSize) {
    this.batchSize = batchSize;
  }

  public Duration getPollInterval() {
    return pollInterval;
  }

  public void setPollInterval(Duration pollInterval) {
    this.pollInterval = pollInterval;
  }

  public Duration getStandbyInterval() {
    return standbyInterval;
  }

  public void setStandbyInterval(Duration standbyInterval) {
    this.standbyInterval = standbyInterval;
  }

  public boolean isTransactional() {
    return transactional;
  }

  public void setTransactional(boolean transactional) {
    this.transactional = transactional;
  }

  public OnError getOnError() {
    return onError;
  }

  public void setOnError(OnError onError) {
    this.onError = onError;
  }

  public int getRetryMaxAttempts() {
    return retryMaxAttempts;
  }

  public void setRetryMaxAttempts(int retryMaxAttempts) {
    this.retryMaxAttempts = retryMaxAttempts;
  }

  public Duration getRetryInitialDelay() {
    return retryInitialDelay;
  }

  public void setRetryInitialDelay(Duration retryInitialDelay) {
    this.retryInitialDelay = retryInitialDelay;
  }

  public Duration getRetryMaxDelay() {
    return retryMaxDelay;
  }

  public void setRetryMaxDelay(Duration retryMaxDelay) {
    this.retryMaxDelay = retryMaxDelay;
  }

  public String getStreamPrefix() {
    return streamPrefix;
  }

  public void setStreamPrefix(String streamPrefix) {
    this.streamPrefix = streamPrefix;
  }

  public String getStreamPattern() {
    return streamPattern;
  }

  public void setStreamPattern(String streamPattern) {
    this.streamPattern = streamPattern;
  }
}

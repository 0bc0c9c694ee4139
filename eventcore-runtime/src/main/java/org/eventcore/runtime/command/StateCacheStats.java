package org.eventcore.runtime.command;

/**
 * A snapshot of an executor's state cache counters (see {@link CommandExecutor.Builder#stateCacheBytes}).
 *
 * @param hits executions that found their state in the cache
 * @param misses executions of a cacheable command that did not (they read the whole streams)
 * @param evictions entries dropped to stay within the budget
 * @param entries entries held now
 * @param weightBytes estimated bytes held now (the sum of the entries' weights, never above the budget)
 * @param budgetBytes the budget; 0 when the cache is off
 */
public record StateCacheStats(long hits, long misses, long evictions, long entries, long weightBytes,
    long budgetBytes) {}

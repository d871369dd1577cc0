package fr.beffroi.edge.poll;

import java.time.Duration;

/**
 * Runs a task once after a delay: the only thing the poll scheduler needs from a timer. Production
 * uses {@link ExecutorDelayScheduler}; tests use a manual one that leaps an injected clock.
 */
public interface DelayScheduler {
    void schedule(Duration delay, Runnable task);
}

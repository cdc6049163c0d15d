package io.jmongos.router.frontend;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The bounded pool commands run on, off the event loops. Each connection has at most one command here at
 * a time (replies go out in request order), so the queue holds at most one task per busy connection.
 */
public final class CommandWorkers implements AutoCloseable {
    /**
     * Worker threads. Commands block (storage, shard round trips, lock waits in transactions), so there are
     * many more than cores; 64 keeps a 2-core box responsive with dozens of busy clients.
     */
    public static final int WORKER_THREADS = 64;
    /** Commands waiting for a worker before new ones are refused (the connection is then closed). */
    public static final int QUEUE_CAPACITY = 65_536;
    /** How long close() waits for running commands. */
    static final long SHUTDOWN_WAIT_SECONDS = 5;

    private final ThreadPoolExecutor pool = new ThreadPoolExecutor(WORKER_THREADS, WORKER_THREADS, 60,
            TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE_CAPACITY),
            new DefaultThreadFactory("jmongos-worker", true),
            new ThreadPoolExecutor.AbortPolicy());

    public CommandWorkers() {
        pool.allowCoreThreadTimeOut(true);
    }

    /** Run a task; throws RejectedExecutionException when the queue is full or the pool is closed. */
    public void execute(Runnable task) throws RejectedExecutionException {
        pool.execute(task);
    }

    @Override
    public void close() {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}

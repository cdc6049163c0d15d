package io.jmongos.bench.load;

/** One request of a scenario, called repeatedly by load threads; must be safe to call from many threads. */
@FunctionalInterface
public interface Operation {
    /**
     * Run one operation.
     *
     * @param thread the calling load thread's index (0-based)
     * @param seq    a counter per thread, increasing by one per call
     */
    void run(int thread, long seq) throws Exception;
}

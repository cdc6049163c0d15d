package io.jmongos.engine.changes;

/**
 * Change streams of one engine: the change log the writers append to, the recorder they use, and the open
 * change stream cursors. {@link #close()} ends every wait on the log (engine shutdown).
 */
public final class ChangeStreams implements AutoCloseable {
    private final ChangeLog log;
    private final ChangeRecorder recorder;
    private final ChangeStreamCursors cursors;

    public ChangeStreams() {
        this(new ChangeLog());
    }

    public ChangeStreams(ChangeLog log) {
        this.log = log;
        this.recorder = new ChangeRecorder(log);
        this.cursors = new ChangeStreamCursors(log);
    }

    public ChangeLog log() {
        return log;
    }

    public ChangeRecorder recorder() {
        return recorder;
    }

    public ChangeStreamCursors cursors() {
        return cursors;
    }

    @Override
    public void close() {
        cursors.killAll();
        log.close();
    }
}

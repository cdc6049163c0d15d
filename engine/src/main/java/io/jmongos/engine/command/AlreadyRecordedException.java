package io.jmongos.engine.command;

/** A concurrent retry recorded the same statement first; the unit rolls back and reports the record. */
public final class AlreadyRecordedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AlreadyRecordedException() {
        super("statement already recorded", null, false, false);
    }
}

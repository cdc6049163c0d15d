package io.jmongos.engine.agg.group;

import org.bson.BsonValue;

/** The running state of one accumulator for one group ($sum, $push...). */
public interface Accumulator {
    /**
     * Folds one value in (Java null = missing).
     *
     * @return bytes of memory the state grew by (for the stage's memory budget)
     */
    long accumulate(BsonValue value);

    /** The result (Java null = missing, left out of the output). */
    BsonValue result();
}

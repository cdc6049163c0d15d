package io.jmongos.engine.agg.stage;

import java.util.Iterator;
import java.util.NoSuchElementException;

/** An iterator that computes each element on demand; {@link #compute()} returns null at the end. */
public abstract class LazyIterator<T> implements Iterator<T> {
    private T next;
    private boolean done;

    /** The next element, or null when there are no more. */
    protected abstract T compute();

    @Override
    public final boolean hasNext() {
        if (next == null && !done) {
            next = compute();
            done = next == null;
        }
        return next != null;
    }

    @Override
    public final T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        T t = next;
        next = null;
        return t;
    }
}

package io.jmongos.engine.update;

/** One update operator applied to one field ({@code $inc: {a: 1}} at path "a"). */
interface Modifier {
    /** Applies to the slot (which may be missing). */
    void apply(Slot slot, UpdateContext ctx);

    /** True when the operator creates the field (and missing parent documents) when absent. */
    default boolean createsMissing(UpdateContext ctx) {
        return true;
    }
}

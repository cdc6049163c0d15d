package io.jmongos.router.cursor;

/** Flags of the command that created a cursor. */
public record CursorOptions(boolean noCursorTimeout, boolean tailable, boolean awaitData) {
    public static final CursorOptions DEFAULT = new CursorOptions(false, false, false);
}

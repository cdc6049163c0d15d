package io.jmongos.router.param;

import java.util.function.Function;

import org.bson.BsonValue;

/**
 * One server parameter, as {@code getParameter}/{@code setParameter} and {@code --setParameter} see it.
 *
 * @param name            the parameter name, e.g. {@code cursorTimeoutMillis}
 * @param defaultValue    the value before anything sets it
 * @param settableAtStartup may be set with {@code --setParameter} or the config file
 * @param settableAtRuntime may be changed with the {@code setParameter} command
 * @param parser          turns a value (BSON from a command, or a string from the command line, wrapped as
 *                        BsonString) into the stored value; throws IllegalArgumentException naming the
 *                        allowed range when the value is out of bounds
 */
public record ServerParameter(String name, BsonValue defaultValue, boolean settableAtStartup,
                              boolean settableAtRuntime, Function<BsonValue, BsonValue> parser) {
}

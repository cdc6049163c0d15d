package io.jmongos.engine.agg.expr;

import org.bson.BsonValue;

/** Turns the argument of one expression operator (the value of {@code {$op: args}}) into an expression. */
@FunctionalInterface
public interface OperatorParser {
    /**
     * @param name the operator, with its '$'
     * @param args the operator's argument as written (an array, a document or a single value)
     */
    Expression parse(String name, BsonValue args);
}

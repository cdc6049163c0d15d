package io.jmongos.engine.query;

import java.util.regex.Pattern;

import org.bson.BsonRegularExpression;
import org.bson.BsonValue;

/**
 * {@code $regex} (and {@code /re/} literals): matches strings and symbols by the pattern, and regular
 * expression values with the same pattern and options.
 */
final class RegexPredicate implements ValuePredicate {
    private final BsonRegularExpression regex;
    private final Pattern pattern;

    RegexPredicate(String source, String options) {
        this.regex = new BsonRegularExpression(source, options);
        this.pattern = RegexTranslator.compile(source, options);
    }

    BsonRegularExpression regex() {
        return regex;
    }

    @Override
    public boolean test(BsonValue value, MatchDetails details) {
        if (value == null) {
            return false;
        }
        switch (value.getBsonType()) {
            case STRING: return pattern.matcher(value.asString().getValue()).find();
            case SYMBOL: return pattern.matcher(value.asSymbol().getSymbol()).find();
            case REGULAR_EXPRESSION:
                return regex.getPattern().equals(value.asRegularExpression().getPattern())
                        && regex.getOptions().equals(value.asRegularExpression().getOptions());
            default: return false;
        }
    }

    /** Whether the value matches the pattern (strings and symbols only). */
    boolean matchesString(String s) {
        return pattern.matcher(s).find();
    }
}

package io.jmongos.engine.command.ddl;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.engine.command.CommandArgs;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonValue;

/**
 * The capped options of {@code create} ({@code capped}, {@code size}, {@code max}), checked and normalized as
 * mongod stores them: the create IDL's range checks first, then the two rules between the fields; the size is
 * rounded up to a multiple of 256 bytes and a max of 0 or less means the 2^31-1 documents of "no limit".
 */
final class CappedOptions {
    /** The create IDL's upper bound of {@code size}: 1 PB. */
    static final long MAX_SIZE = 1125899906842624L;
    /** The create IDL's exclusive upper bound of {@code max}: 2^31. */
    static final long MAX_DOCS_BOUND = 1L << 31;
    /** mongod's max when none is wanted (adjustCappedMaxDocs): 0x7fffffff. */
    static final long NO_MAX = 0x7fffffffL;
    /** mongod rounds capped sizes up to a multiple of 256 bytes (adjustCappedSize). */
    static final long SIZE_GRANULE = 256;
    /** The code of an IDL validator failure (a value out of its declared range). */
    static final int IDL_VALUE_OUT_OF_RANGE = 51024;

    private CappedOptions() {
    }

    /**
     * Checks the capped fields of a create command and returns its options with them normalized: for a capped
     * collection {@code capped: true, size, [max]} first, otherwise without them.
     */
    static BsonDocument normalize(BsonDocument cmd, BsonDocument options) {
        boolean capped = truthy(cmd, options.get("capped"));
        Long size = number(cmd, options, "size");
        Long max = number(cmd, options, "max");
        if (size != null && size < 1) {
            throw outOfRange("size", ">= 1", size);
        }
        if (size != null && size > MAX_SIZE) {
            throw outOfRange("size", "<= " + MAX_SIZE, size);
        }
        if (max != null && max >= MAX_DOCS_BOUND) {
            throw outOfRange("max", "< " + MAX_DOCS_BOUND, max);
        }
        if (capped && size == null) {
            throw new CommandFailedException(ErrorCode.INVALID_OPTIONS,
                    "the 'size' field is required when 'capped' is true");
        }
        if ((size != null || max != null) && !capped) {
            throw new CommandFailedException(ErrorCode.INVALID_OPTIONS,
                    "the 'capped' field needs to be true when either the 'size' or 'max' fields are present");
        }
        BsonDocument out = new BsonDocument();
        if (capped) {
            out.append("capped", BsonBoolean.TRUE).append("size", number((size + SIZE_GRANULE - 1)
                    / SIZE_GRANULE * SIZE_GRANULE));
            if (max != null) {
                out.append("max", number(max <= 0 ? NO_MAX : max));
            }
        }
        for (var e : options.entrySet()) {
            if (!e.getKey().equals("capped") && !e.getKey().equals("size") && !e.getKey().equals("max")) {
                out.append(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    private static boolean truthy(BsonDocument cmd, BsonValue v) {
        if (v == null || v.isNull()) {
            return false;
        }
        if (v.isBoolean()) {
            return v.asBoolean().getValue();
        }
        if (v.isNumber()) {
            return v.asNumber().doubleValue() != 0;
        }
        if (v.isDecimal128()) {
            return v.asDecimal128().getValue().bigDecimalValue().signum() != 0;
        }
        throw CommandArgs.wrongType(cmd, "capped", v, "bool, long, int, decimal, double");
    }

    private static Long number(BsonDocument cmd, BsonDocument options, String field) {
        BsonValue v = options.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isNumber() && !v.isDecimal128()) {
            throw CommandArgs.wrongType(cmd, field, v, "long, int, decimal, double");
        }
        return CommandArgs.integer(options, field, 0);
    }

    private static BsonValue number(long v) {
        return v == (int) v ? new BsonInt32((int) v) : new BsonInt64(v);
    }

    private static CommandFailedException outOfRange(String field, String bound, long actual) {
        return new CommandFailedException(IDL_VALUE_OUT_OF_RANGE, "Location" + IDL_VALUE_OUT_OF_RANGE,
                "BSON field '" + field + "' value must be " + bound + ", actual value '" + actual + "'");
    }
}

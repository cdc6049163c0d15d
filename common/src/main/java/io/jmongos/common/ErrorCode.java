package io.jmongos.common;

import java.util.HashMap;
import java.util.Map;

/**
 * MongoDB server error codes with their code names, as listed in MongoDB's
 * src/mongo/base/error_codes.yml. Only codes jmongos can produce are here; add more as needed.
 */
public enum ErrorCode {
    INTERNAL_ERROR(1, "InternalError"),
    BAD_VALUE(2, "BadValue"),
    NO_SUCH_KEY(4, "NoSuchKey"),
    USER_NOT_FOUND(11, "UserNotFound"),
    UNAUTHORIZED(13, "Unauthorized"),
    TYPE_MISMATCH(14, "TypeMismatch"),
    OVERFLOW(15, "Overflow"),
    INVALID_LENGTH(16, "InvalidLength"),
    PROTOCOL_ERROR(17, "ProtocolError"),
    AUTHENTICATION_FAILED(18, "AuthenticationFailed"),
    ILLEGAL_OPERATION(20, "IllegalOperation"),
    EMPTY_ARRAY_OPERATION(21, "EmptyArrayOperation"),
    INVALID_BSON(22, "InvalidBSON"),
    LOCK_TIMEOUT(24, "LockTimeout"),
    NAMESPACE_NOT_FOUND(26, "NamespaceNotFound"),
    INDEX_NOT_FOUND(27, "IndexNotFound"),
    PATH_NOT_VIABLE(28, "PathNotViable"),
    ROLE_NOT_FOUND(31, "RoleNotFound"),
    CONFLICTING_UPDATE_OPERATORS(40, "ConflictingUpdateOperators"),
    CURSOR_NOT_FOUND(43, "CursorNotFound"),
    NAMESPACE_EXISTS(48, "NamespaceExists"),
    MAX_TIME_MS_EXPIRED(50, "MaxTimeMSExpired"),
    DOLLAR_PREFIXED_FIELD_NAME(52, "DollarPrefixedFieldName"),
    INVALID_ID_FIELD(53, "InvalidIdField"),
    NOT_SINGLE_VALUE_FIELD(54, "NotSingleValueField"),
    EMPTY_FIELD_NAME(56, "EmptyFieldName"),
    CANNOT_CREATE_INDEX(67, "CannotCreateIndex"),
    INDEX_ALREADY_EXISTS(68, "IndexAlreadyExists"),
    COMMAND_NOT_FOUND(59, "CommandNotFound"),
    IMMUTABLE_FIELD(66, "ImmutableField"),
    INVALID_OPTIONS(72, "InvalidOptions"),
    INVALID_NAMESPACE(73, "InvalidNamespace"),
    INDEX_OPTIONS_CONFLICT(85, "IndexOptionsConflict"),
    INDEX_KEY_SPECS_CONFLICT(86, "IndexKeySpecsConflict"),
    NETWORK_TIMEOUT(89, "NetworkTimeout"),
    SHUTDOWN_IN_PROGRESS(91, "ShutdownInProgress"),
    OPERATION_FAILED(96, "OperationFailed"),
    WRITE_CONFLICT(112, "WriteConflict"),
    COMMAND_NOT_SUPPORTED(115, "CommandNotSupported"),
    CONFLICTING_OPERATION_IN_PROGRESS(117, "ConflictingOperationInProgress"),
    QUERY_PLAN_KILLED(175, "QueryPlanKilled"),
    CONVERSION_FAILURE(241, "ConversionFailure"),
    INVALID_UUID(207, "InvalidUUID"),
    NO_SUCH_SESSION(206, "NoSuchSession"),
    TRANSACTION_TOO_OLD(225, "TransactionTooOld"),
    ATOMICITY_FAILURE(226, "AtomicityFailure"),
    CLIENT_DISCONNECT(279, "ClientDisconnect"),
    NO_SUCH_TRANSACTION(251, "NoSuchTransaction"),
    TRANSACTION_COMMITTED(256, "TransactionCommitted"),
    TRANSACTION_TOO_LARGE(257, "TransactionTooLarge"),
    OPERATION_NOT_SUPPORTED_IN_TRANSACTION(263, "OperationNotSupportedInTransaction"),
    INCOMPLETE_TRANSACTION_HISTORY(217, "IncompleteTransactionHistory"),
    INTERRUPTED(11601, "Interrupted"),
    LOAD_BALANCER_SUPPORT_MISMATCH(354, "LoadBalancerSupportMismatch"),
    MECHANISM_UNAVAILABLE(334, "MechanismUnavailable"),
    API_STRICT_ERROR(323, "APIStrictError"),
    NOT_IMPLEMENTED(238, "NotImplemented"),
    QUERY_FEATURE_NOT_ALLOWED(224, "QueryFeatureNotAllowed"),
    LOCATION_10334_BSON_OBJECT_TOO_LARGE(10334, "BSONObjectTooLarge"),
    DUPLICATE_KEY(11000, "DuplicateKey"),
    MERGE_STAGE_NO_MATCHING_DOCUMENT(13113, "MergeStageNoMatchingDocument"),
    INTERRUPTED_AT_SHUTDOWN(11600, "InterruptedAtShutdown"),
    NOT_WRITABLE_PRIMARY(10107, "NotWritablePrimary"),
    FAILED_TO_PARSE(9, "FailedToParse"),
    UNKNOWN_ERROR(8, "UnknownError"),
    HOST_UNREACHABLE(6, "HostUnreachable"),
    SHARD_NOT_FOUND(70, "ShardNotFound"),
    STALE_DB_VERSION(249, "StaleDbVersion"),
    NAMESPACE_NOT_SHARDED(118, "NamespaceNotSharded"),
    INVALID_PIPELINE_OPERATOR(168, "InvalidPipelineOperator"),
    LOCATION_40324_UNRECOGNIZED_STAGE(40324, "Location40324"),
    NO_QUERY_EXECUTION_PLANS(291, "NoQueryExecutionPlans"),
    DOCUMENT_VALIDATION_FAILURE(121, "DocumentValidationFailure");

    private static final Map<Integer, ErrorCode> BY_CODE = new HashMap<>();

    static {
        for (ErrorCode c : values()) {
            BY_CODE.putIfAbsent(c.code, c);
        }
    }

    private final int code;
    private final String codeName;

    ErrorCode(int code, String codeName) {
        this.code = code;
        this.codeName = codeName;
    }

    public int code() {
        return code;
    }

    public String codeName() {
        return codeName;
    }

    /** The code name MongoDB gives a numeric code; "Location" + code for codes without a name. */
    public static String nameOf(int code) {
        ErrorCode c = BY_CODE.get(code);
        return c != null ? c.codeName : "Location" + code;
    }
}

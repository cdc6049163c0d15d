package io.jmongos.engine.update;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;

/** Factories for the update errors MongoDB reports (codes from src/mongo/base/error_codes.yml). */
final class UpdateErrors {
    private UpdateErrors() {
    }

    static CommandFailedException badValue(String msg) {
        return new CommandFailedException(ErrorCode.BAD_VALUE, msg);
    }

    static CommandFailedException failedToParse(String msg) {
        return new CommandFailedException(ErrorCode.FAILED_TO_PARSE, msg);
    }

    static CommandFailedException typeMismatch(String msg) {
        return new CommandFailedException(ErrorCode.TYPE_MISMATCH, msg);
    }

    static CommandFailedException pathNotViable(String msg) {
        return new CommandFailedException(ErrorCode.PATH_NOT_VIABLE, msg);
    }

    static CommandFailedException conflict(String path, String at) {
        return new CommandFailedException(ErrorCode.CONFLICTING_UPDATE_OPERATORS,
                "Updating the path '" + path + "' would create a conflict at '" + at + "'");
    }

    static CommandFailedException immutableId() {
        return new CommandFailedException(ErrorCode.IMMUTABLE_FIELD,
                "Performing an update on the path '_id' would modify the immutable field '_id'");
    }

    static CommandFailedException emptyFieldName(String msg) {
        return new CommandFailedException(ErrorCode.EMPTY_FIELD_NAME, msg);
    }
}

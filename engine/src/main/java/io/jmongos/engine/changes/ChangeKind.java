package io.jmongos.engine.changes;

/** The kinds of change the log records, with the {@code operationType} a change event reports for each. */
public enum ChangeKind {
    INSERT("insert"),
    UPDATE("update"),
    REPLACE("replace"),
    DELETE("delete"),
    DROP("drop"),
    DROP_DATABASE("dropDatabase");

    private final String operationType;

    ChangeKind(String operationType) {
        this.operationType = operationType;
    }

    public String operationType() {
        return operationType;
    }

    /** True for the document-level kinds (they carry a documentKey). */
    public boolean isDocument() {
        return this == INSERT || this == UPDATE || this == REPLACE || this == DELETE;
    }
}

package io.jmongos.it.spec;

/** The outcome of one spec test: passed, failed (with the reason) or skipped (with the reason). */
record TestResult(SpecCase test, Status status, String reason, long millis) {
    enum Status { PASSED, FAILED, SKIPPED }

    static TestResult passed(SpecCase test, long millis) {
        return new TestResult(test, Status.PASSED, "", millis);
    }

    static TestResult failed(SpecCase test, String reason, long millis) {
        return new TestResult(test, Status.FAILED, reason, millis);
    }

    static TestResult skipped(SpecCase test, String reason) {
        return new TestResult(test, Status.SKIPPED, reason, 0);
    }
}

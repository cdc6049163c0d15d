package io.jmongos.router.testing;

import io.jmongos.common.CommandFailedException;

/**
 * An error injected by the failCommand fail point. When the fail point names its {@code errorLabels},
 * those are the reply's labels exactly (MongoDB's errorLabelsOverride): labels other layers would add
 * are ignored.
 */
final class FailCommandException extends CommandFailedException {
    private static final long serialVersionUID = 1L;

    private final boolean labelsFixed;

    FailCommandException(int code, String codeName, String message, Iterable<String> labels) {
        super(code, codeName, message);
        if (labels != null) {
            labels.forEach(super::withLabel);
        }
        this.labelsFixed = labels != null;
    }

    @Override
    public CommandFailedException withLabel(String label) {
        return labelsFixed ? this : super.withLabel(label);
    }
}

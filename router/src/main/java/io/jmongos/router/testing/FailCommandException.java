package io.jmongos.router.testing;

import io.jmongos.common.CommandFailedException;

/**
 * An error injected by the failCommand fail point. Its labels are final (MongoDB's errorLabelsOverride when
 * the fail point names {@code errorLabels}, else the labels mongos computes for it): labels other layers
 * would add are ignored.
 */
final class FailCommandException extends CommandFailedException {
    private static final long serialVersionUID = 1L;

    private final boolean labelsFixed;

    FailCommandException(int code, String codeName, String message, Iterable<String> labels) {
        super(code, codeName, message);
        labels.forEach(super::withLabel);
        this.labelsFixed = true;
    }

    @Override
    public CommandFailedException withLabel(String label) {
        return labelsFixed ? this : super.withLabel(label);
    }
}

package io.jmongos.router.frontend.tls;

import org.bson.BsonDocument;
import org.bson.BsonValue;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.router.command.CommandContext;
import io.jmongos.router.command.CommandHandler;
import io.jmongos.router.command.CommandSpec;

/**
 * {@code rotateCertificates} (mongod 5.0+): re-read the TLS certificate files named at startup (same paths, same
 * password) for new connections; open connections keep theirs. The optional {@code message} is logged. Admin
 * database only. A bad file fails the command and the old certificates stay in use.
 */
public final class RotateCertificatesCommand implements CommandHandler {
    private final TlsServerContext tls;

    public RotateCertificatesCommand(TlsServerContext tls) {
        this.tls = tls;
    }

    @Override
    public String name() {
        return "rotateCertificates";
    }

    @Override
    public CommandSpec spec() {
        return CommandSpec.ADMIN;
    }

    @Override
    public BsonDocument run(CommandContext ctx, BsonDocument command) {
        if (!"admin".equals(ctx.db())) {
            throw new CommandFailedException(ErrorCode.UNAUTHORIZED,
                    name() + " may only be run against the admin database.");
        }
        BsonValue message = command.get("message");
        if (message != null && !message.isString()) {
            throw new CommandFailedException(ErrorCode.TYPE_MISMATCH,
                    "BSON field 'rotateCertificates.message' is the wrong type, expected type 'string'");
        }
        try {
            tls.reload(message == null ? null : message.asString().getValue());
        } catch (TlsConfigException e) {
            throw new CommandFailedException(ErrorCode.BAD_VALUE, e.getMessage());
        }
        return new BsonDocument();
    }
}

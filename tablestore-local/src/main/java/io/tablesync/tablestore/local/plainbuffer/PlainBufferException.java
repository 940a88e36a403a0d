package io.tablesync.tablestore.local.plainbuffer;

/** A PlainBuffer payload is malformed; the server answers it with OTSParameterInvalid. */
public final class PlainBufferException extends RuntimeException {
    public PlainBufferException(String message) {
        super(message);
    }
}

package io.tablesync.core.transformer;

import io.tablesync.core.ErrorCode;

/** DataX's transformer error codes and descriptions (users grep for them). */
public final class TransformerErrorCode {
    public static final ErrorCode NAME_ERROR = ErrorCode.of("TransformerErrorCode-01", "Transformer name illegal");
    public static final ErrorCode DUPLICATE_ERROR = ErrorCode.of("TransformerErrorCode-02", "Transformer name has existed");
    public static final ErrorCode NOT_FOUND = ErrorCode.of("TransformerErrorCode-03", "Transformer name not found");
    public static final ErrorCode CONFIGURATION_ERROR = ErrorCode.of("TransformerErrorCode-04", "Transformer configuration error");
    public static final ErrorCode ILLEGAL_PARAMETER = ErrorCode.of("TransformerErrorCode-05", "Transformer parameter illegal");
    public static final ErrorCode RUN_EXCEPTION = ErrorCode.of("TransformerErrorCode-06", "Transformer run exception");
    public static final ErrorCode GROOVY_INIT_EXCEPTION = ErrorCode.of("TransformerErrorCode-07", "Transformer Groovy init exception");

    private TransformerErrorCode() {
    }
}

package io.tablesync.plugin.stream;

import io.tablesync.core.ErrorCode;

final class StreamErrorCode {
    static final ErrorCode REQUIRED_VALUE = ErrorCode.of("StreamReader-00", "您缺失了必须填写的参数值.");
    static final ErrorCode ILLEGAL_VALUE = ErrorCode.of("StreamReader-01", "您填写的参数值不合法.");
    static final ErrorCode NOT_SUPPORT_TYPE = ErrorCode.of("StreamReader-02", "不支持的column类型.");
    static final ErrorCode MIXUP_FUNCTION = ErrorCode.of("StreamReader-03", "value 和 random 不能同时配置.");
    static final ErrorCode WRITER_IO_ERROR = ErrorCode.of("StreamWriter-02", "写入文件失败.");

    private StreamErrorCode() {
    }
}

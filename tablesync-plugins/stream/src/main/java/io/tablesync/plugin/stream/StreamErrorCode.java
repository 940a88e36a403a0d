package io.tablesync.plugin.stream;

import io.tablesync.core.ErrorCode;

enum StreamErrorCode implements ErrorCode {
    REQUIRED_VALUE("StreamReader-00", "您缺失了必须填写的参数值."),
    ILLEGAL_VALUE("StreamReader-01", "您填写的参数值不合法."),
    NOT_SUPPORT_TYPE("StreamReader-02", "不支持的column类型."),
    MIXUP_FUNCTION("StreamReader-03", "value 和 random 不能同时配置."),
    WRITER_IO_ERROR("StreamWriter-02", "写入文件失败.");

    private final String code;
    private final String description;

    StreamErrorCode(String code, String description) {
        this.code = code;
        this.description = description;
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public String description() {
        return description;
    }
}

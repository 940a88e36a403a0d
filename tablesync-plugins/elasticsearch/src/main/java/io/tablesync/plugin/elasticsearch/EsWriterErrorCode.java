package io.tablesync.plugin.elasticsearch;

import io.tablesync.core.ErrorCode;

/** DataX's elasticsearchwriter codes (users grep for them), plus our own for what DataX lacks. */
public enum EsWriterErrorCode implements ErrorCode {
    BAD_CONFIG_VALUE("ESWriter-00", "您配置的值不合法."),
    ES_INDEX_DELETE("ESWriter-01", "删除index错误."),
    ES_INDEX_CREATE("ESWriter-02", "创建index错误."),
    ES_MAPPINGS("ESWriter-03", "mappings错误."),
    ES_INDEX_INSERT("ESWriter-04", "插入数据错误."),
    ES_ALIAS_MODIFY("ESWriter-05", "别名修改错误."),
    UPDATE_WITH_ID("ESWriter-07", "Update mode must specify column type with id"),
    RECORD_FIELD_NOT_FOUND("ESWriter-08", "Field does not exist"),
    ES_AUTHENTICATION("ESWriter-10", "Elasticsearch rejected the credentials"),
    ES_CONNECTION("ESWriter-11", "Elasticsearch is unreachable"),
    CONVERSION("ESWriter-12", "A column value cannot be converted to its Elasticsearch type");

    private final String code;
    private final String description;

    EsWriterErrorCode(String code, String description) {
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

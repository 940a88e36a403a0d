package io.tablesync.plugin.elasticsearch;

import io.tablesync.core.ErrorCode;

/** DataX's elasticsearchwriter codes (users grep for them), plus our own for what DataX lacks. */
public final class EsWriterErrorCode {
    public static final ErrorCode BAD_CONFIG_VALUE = ErrorCode.of("ESWriter-00", "您配置的值不合法.");
    public static final ErrorCode ES_INDEX_DELETE = ErrorCode.of("ESWriter-01", "删除index错误.");
    public static final ErrorCode ES_INDEX_CREATE = ErrorCode.of("ESWriter-02", "创建index错误.");
    public static final ErrorCode ES_MAPPINGS = ErrorCode.of("ESWriter-03", "mappings错误.");
    public static final ErrorCode ES_INDEX_INSERT = ErrorCode.of("ESWriter-04", "插入数据错误.");
    public static final ErrorCode ES_ALIAS_MODIFY = ErrorCode.of("ESWriter-05", "别名修改错误.");
    public static final ErrorCode UPDATE_WITH_ID = ErrorCode.of("ESWriter-07", "Update mode must specify column type with id");
    public static final ErrorCode RECORD_FIELD_NOT_FOUND = ErrorCode.of("ESWriter-08", "Field does not exist");
    public static final ErrorCode ES_AUTHENTICATION = ErrorCode.of("ESWriter-10", "Elasticsearch rejected the credentials");
    public static final ErrorCode ES_CONNECTION = ErrorCode.of("ESWriter-11", "Elasticsearch is unreachable");
    public static final ErrorCode CONVERSION = ErrorCode.of("ESWriter-12", "A column value cannot be converted to its Elasticsearch type");

    private EsWriterErrorCode() {
    }
}

package io.tablesync.core;

/** Errors shared by every plugin: configuration values and column conversions (DataX's Common-xx codes). */
public final class CommonErrorCode {
    public static final ErrorCode CONFIG_ERROR = ErrorCode.of("Common-00", "configuration error: 您提供的配置文件存在错误信息，请检查您的作业配置 .");
    public static final ErrorCode CONVERT_NOT_SUPPORT = ErrorCode.of("Common-01", "同步数据出现业务脏数据情况，数据类型转换错误 .");
    public static final ErrorCode CONVERT_OVER_FLOW = ErrorCode.of("Common-02", "同步数据出现业务脏数据情况，数据类型转换溢出 .");
    public static final ErrorCode RETRY_FAIL = ErrorCode.of("Common-10", "方法调用多次仍旧失败 .");
    public static final ErrorCode RUNTIME_ERROR = ErrorCode.of("Common-11", "运行时内部调用错误 .");
    public static final ErrorCode HOOK_INTERNAL_ERROR = ErrorCode.of("Common-12", "Hook运行错误 .");
    public static final ErrorCode SHUT_DOWN_TASK = ErrorCode.of("Common-20", "Task收到了shutdown指令，为failover做准备");
    public static final ErrorCode WAIT_TIME_EXCEED = ErrorCode.of("Common-21", "等待时间超出范围");
    public static final ErrorCode TASK_HUNG_EXPIRED = ErrorCode.of("Common-22", "任务hung住，Expired");

    private CommonErrorCode() {
    }
}

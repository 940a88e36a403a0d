package io.tablesync.core;

/** DataX's engine error codes with their original descriptions, so existing log alerts keep matching. */
public final class FrameworkErrorCode {
    public static final ErrorCode INSTALL_ERROR = ErrorCode.of("Framework-00", "DataX引擎安装错误, 请联系您的运维解决 .");
    public static final ErrorCode ARGUMENT_ERROR = ErrorCode.of("Framework-01", "DataX引擎运行错误，该问题通常是由于内部编程错误引起，请联系DataX开发团队解决 .");
    public static final ErrorCode RUNTIME_ERROR = ErrorCode.of("Framework-02", "DataX引擎运行过程出错，具体原因请参看DataX运行结束时的错误诊断信息  .");
    /** An installation fault (DataX's text): only for what the user's job cannot cause. */
    public static final ErrorCode CONFIG_ERROR = ErrorCode.of("Framework-03", "DataX引擎配置错误，该问题通常是由于DataX安装错误引起，请联系您的运维解决 .");
    /**
     * A mistake in the job file: DataX's code, so alerts keep matching, but not DataX's text, which
     * sends the user to their ops team for their own typo.
     */
    public static final ErrorCode JOB_CONFIG_ERROR = ErrorCode.of("Framework-03", "configuration error: 作业配置错误，请按提示修改作业文件 .");
    public static final ErrorCode PLUGIN_INSTALL_ERROR = ErrorCode.of("Framework-10", "DataX插件安装错误, 该问题通常是由于DataX安装错误引起，请联系您的运维解决 .");
    public static final ErrorCode PLUGIN_NOT_FOUND = ErrorCode.of("Framework-11", "DataX插件配置错误, 该问题通常是由于DataX安装错误引起，请联系您的运维解决 .");
    public static final ErrorCode PLUGIN_INIT_ERROR = ErrorCode.of("Framework-12", "DataX插件初始化错误, 该问题通常是由于DataX安装错误引起，请联系您的运维解决 .");
    /** A reader or writer name in the job that no installed plugin has (a user's mistake, DataX's code). */
    public static final ErrorCode PLUGIN_NAME_ERROR = ErrorCode.of("Framework-12", "configuration error: 插件名称错误，没有这个名字的插件 .");
    public static final ErrorCode PLUGIN_RUNTIME_ERROR = ErrorCode.of("Framework-13", "DataX插件运行时出错, 具体原因请参看DataX运行结束时的错误诊断信息 .");
    public static final ErrorCode PLUGIN_DIRTY_DATA_LIMIT_EXCEED = ErrorCode.of("Framework-14", "DataX传输脏数据超过用户预期，该错误通常是由于源端数据存在较多业务脏数据导致，请仔细检查DataX汇报的脏数据日志信息, 或者您可以适当调大脏数据阈值 .");
    public static final ErrorCode PLUGIN_SPLIT_ERROR = ErrorCode.of("Framework-15", "DataX插件切分出错, 该问题通常是由于DataX各个插件编程错误引起，请联系DataX开发团队解决");
    public static final ErrorCode KILLED_EXIT_VALUE = ErrorCode.of("Framework-143", "Job 收到了 Kill 命令.");

    private FrameworkErrorCode() {
    }
}

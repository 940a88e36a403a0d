package io.tablesync.core.engine;

import io.tablesync.core.FrameworkErrorCode;
import io.tablesync.core.TablesyncException;
import io.tablesync.core.spi.ReaderPlugin;
import io.tablesync.core.spi.WriterPlugin;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** Finds plugins by name on the class path ({@link ServiceLoader}); the core knows no plugin. */
public final class PluginRegistry {
    private final Map<String, ReaderPlugin> readers = new TreeMap<>();
    private final Map<String, WriterPlugin> writers = new TreeMap<>();

    public PluginRegistry(ClassLoader loader) {
        ServiceLoader.load(ReaderPlugin.class, loader).forEach(p -> readers.put(p.name(), p));
        ServiceLoader.load(WriterPlugin.class, loader).forEach(p -> writers.put(p.name(), p));
    }

    public static PluginRegistry fromClassPath() {
        return new PluginRegistry(Thread.currentThread().getContextClassLoader());
    }

    public Map<String, ReaderPlugin> readers() {
        return readers;
    }

    public Map<String, WriterPlugin> writers() {
        return writers;
    }

    /** Both plugins, or Framework-12 naming every one that is missing (DataX's message, plus what exists). */
    public void requireBoth(String readerName, String writerName) {
        List<String> missing = new ArrayList<>();
        if (!readers.containsKey(readerName)) {
            missing.add(readerName);
        }
        if (!writers.containsKey(writerName)) {
            missing.add(writerName);
        }
        if (!missing.isEmpty()) {
            throw TablesyncException.userError(FrameworkErrorCode.PLUGIN_NAME_ERROR,
                    "插件加载失败，未完成指定插件加载:" + missing + " (installed readers: " + readers.keySet()
                            + ", writers: " + writers.keySet() + ")");
        }
    }

    public ReaderPlugin reader(String name) {
        return readers.get(name);
    }

    public WriterPlugin writer(String name) {
        return writers.get(name);
    }
}

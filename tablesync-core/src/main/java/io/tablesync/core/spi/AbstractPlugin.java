package io.tablesync.core.spi;

import io.tablesync.core.config.Configuration;

/**
 * DataX's plugin lifecycle: init → prepare → (work) → post, and destroy always. Every step has a
 * no-op default so a plugin implements only what it needs.
 */
public abstract class AbstractPlugin {
    private Configuration pluginJobConf;
    private Configuration peerPluginJobConf;
    private String peerPluginName;

    /** This plugin's {@code parameter} block (for a task: the configuration its job's split produced). */
    public Configuration getPluginJobConf() {
        return pluginJobConf;
    }

    /** The other side's {@code parameter} block. */
    public Configuration getPeerPluginJobConf() {
        return peerPluginJobConf;
    }

    public String getPeerPluginName() {
        return peerPluginName;
    }

    public void init() {
    }

    public void prepare() {
    }

    public void post() {
    }

    public void destroy() {
    }

    // Set by the engine before init().
    public final void setPluginJobConf(Configuration conf) {
        this.pluginJobConf = conf;
    }

    public final void setPeerPluginJobConf(Configuration conf) {
        this.peerPluginJobConf = conf;
    }

    public final void setPeerPluginName(String name) {
        this.peerPluginName = name;
    }
}

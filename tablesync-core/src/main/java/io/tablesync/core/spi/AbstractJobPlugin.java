package io.tablesync.core.spi;

/** The job-side half of a plugin: runs once per job, validates, prepares and splits. */
public abstract class AbstractJobPlugin extends AbstractPlugin {
    /**
     * Checks this plugin's whole configuration without contacting or creating anything. The engine
     * calls it for the reader and the writer before either one's {@link #init()}, so a mistake in
     * one plugin's parameters is reported before the other has created a status table, an index or
     * a mapping. {@code init()} may rely on it having run.
     */
    public void validate() {
    }
}

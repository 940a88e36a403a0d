package io.tablesync.core.spi;

/** The job-side half of a plugin: runs once per job, validates, prepares and splits. */
public abstract class AbstractJobPlugin extends AbstractPlugin {
}

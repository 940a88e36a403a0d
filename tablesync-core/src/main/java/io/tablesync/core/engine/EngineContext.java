package io.tablesync.core.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.TimeZone;

/**
 * What a job run needs besides its configuration.
 *
 * @param jobId          DataX's job id (0 for standalone runs); used in thread names
 * @param dirtyRecordFile where dirty records are written (created on the first one)
 * @param secrets        secret values from the job, scrubbed from every logged text
 * @param timeZone       {@code common.column.timeZone}: the zone of the summary times
 */
public record EngineContext(long jobId, Path dirtyRecordFile, List<String> secrets, TimeZone timeZone) {
}

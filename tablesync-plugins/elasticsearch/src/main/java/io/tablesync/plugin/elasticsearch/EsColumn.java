package io.tablesync.plugin.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.ZoneId;
import java.util.List;

/**
 * One {@code column[]} entry of the job, validated.
 *
 * @param index         position in the record
 * @param mappingOptions options copied into the field mapping (already filtered per type, see MappingBuilder)
 * @param combineFields for an id column: names of the columns whose values form the id
 */
record EsColumn(
        int index,
        String name,
        EsFieldType type,
        boolean array,
        boolean dstArray,
        boolean jsonArray,
        boolean origin,
        String format,
        String dstFormat,
        ZoneId timezone,
        List<String> combineFields,
        String combineSeparator,
        ObjectNode mappingOptions,
        JsonNode otherParams) {

    boolean isVirtual() {
        return type.isVirtual();
    }
}

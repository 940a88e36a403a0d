package io.tablesync.plugin.elasticsearch;

import java.util.Locale;

/**
 * The {@code column[].type} values DataX accepts (research datax.md §4.2), with what each becomes in
 * the mapping and how its values are converted (§4.3).
 */
enum EsFieldType {
    // virtual: never part of the document or the mapping
    ID(Value.VIRTUAL), PARENT(Value.VIRTUAL), ROUTING(Value.VIRTUAL), VERSION(Value.VIRTUAL),
    // "string" was removed from Elasticsearch in 5.0; its analysed form became "text", so that is what we map it to
    STRING(Value.STRING, "text"), TEXT(Value.STRING), KEYWORD(Value.STRING),
    LONG(Value.LONG), INTEGER(Value.LONG), SHORT(Value.LONG),
    // DataX sends "byte" as a string (ES coerces numeric strings); we send a number
    BYTE(Value.LONG),
    DOUBLE(Value.DOUBLE), FLOAT(Value.DOUBLE),
    DATE(Value.DATE), BOOLEAN(Value.BOOLEAN), BINARY(Value.BINARY),
    INTEGER_RANGE(Value.JSON), FLOAT_RANGE(Value.JSON), LONG_RANGE(Value.JSON), DOUBLE_RANGE(Value.JSON), DATE_RANGE(Value.JSON),
    GEO_POINT(Value.STRING), GEO_SHAPE(Value.JSON), IP(Value.STRING), IP_RANGE(Value.STRING),
    // DataX turns every record with these into a dirty record; ES accepts plain strings for both
    COMPLETION(Value.STRING), TOKEN_COUNT(Value.STRING),
    OBJECT(Value.JSON), NESTED(Value.JSON);

    /** How a column value becomes a JSON value. */
    enum Value { VIRTUAL, STRING, LONG, DOUBLE, BOOLEAN, DATE, BINARY, JSON }

    private final Value value;
    private final String mappingType;

    EsFieldType(Value value) {
        this(value, null);
    }

    EsFieldType(Value value, String mappingType) {
        this.value = value;
        this.mappingType = mappingType;
    }

    Value value() {
        return value;
    }

    boolean isVirtual() {
        return value == Value.VIRTUAL;
    }

    /** The {@code type} written into the index mapping. */
    String mappingType() {
        return mappingType != null ? mappingType : name().toLowerCase(Locale.ROOT);
    }

    /** Case-insensitive lookup, null for unknown names. */
    static EsFieldType parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}

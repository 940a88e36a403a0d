package io.tablesync.plugin.elasticsearch;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a {@code _bulk} response with the streaming parser. When {@code "errors":false} comes first
 * (it does on every supported server) nothing else is parsed. Otherwise every item's status and
 * error are read by position; no field that differs between versions ({@code _type}, absent in ES 8,
 * crashed DataX's client) is required.
 */
final class BulkResponseParser {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    /** Per-item results; {@link #allOk} when the server reported no errors. */
    record Result(boolean allOk, int[] status, String[] errorType, String[] reason) {
    }

    private BulkResponseParser() {
    }

    static Result parse(InputStream body, int expectedItems) throws IOException {
        try (JsonParser p = FACTORY.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("bulk response is not a JSON object");
            }
            int[] status = null;
            String[] type = null;
            String[] reason = null;
            Boolean errors = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if ("errors".equals(field)) {
                    errors = p.getValueAsBoolean();
                    if (!errors) {
                        return new Result(true, null, null, null);
                    }
                } else if ("items".equals(field) && p.currentToken() == JsonToken.START_ARRAY) {
                    status = new int[expectedItems];
                    type = new String[expectedItems];
                    reason = new String[expectedItems];
                    int i = 0;
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        p.nextToken(); // action name
                        p.nextToken(); // its object
                        JsonNode item = MAPPER.readTree(p);
                        p.nextToken(); // END_OBJECT of the wrapper
                        if (i < expectedItems) {
                            status[i] = item.path("status").asInt();
                            JsonNode err = item.get("error");
                            if (err != null) {
                                type[i] = err.path("type").asText(null);
                                String r = err.path("reason").asText("");
                                JsonNode cause = err.path("caused_by");
                                if (cause.has("reason")) {
                                    r = r + " (caused by " + cause.path("type").asText() + ": " + cause.path("reason").asText() + ")";
                                }
                                reason[i] = r;
                            }
                        }
                        i++;
                    }
                    if (i != expectedItems) {
                        throw new IOException("bulk response has " + i + " items for " + expectedItems + " actions");
                    }
                } else {
                    p.skipChildren();
                }
            }
            if (status == null) {
                throw new IOException("bulk response has errors:" + errors + " but no items");
            }
            return new Result(false, status, type, reason);
        }
    }
}

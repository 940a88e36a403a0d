package io.tablesync.plugin.elasticsearch;

import io.tablesync.core.TablesyncException;
import io.tablesync.core.net.NetworkErrors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.entity.NByteArrayEntity;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;

/**
 * Small synchronous admin calls (probe, index, mapping, alias) that return status + body instead of
 * throwing for HTTP errors, and turn IO failures and 401/403 into clear user errors.
 */
final class EsRequests {
    record Reply(int status, String body, String product) {
        boolean ok() {
            return status / 100 == 2;
        }
    }

    private final RestClient client;
    private final String where; // endpoint(s), for messages

    EsRequests(RestClient client, String where) {
        this.client = client;
        this.where = where;
    }

    Reply send(String method, String path, String jsonBody, String... params) {
        Request r = new Request(method, path);
        for (int i = 0; i + 1 < params.length; i += 2) {
            r.addParameter(params[i], params[i + 1]);
        }
        if (jsonBody != null) {
            r.setEntity(new NByteArrayEntity(jsonBody.getBytes(StandardCharsets.UTF_8), ContentType.APPLICATION_JSON));
        }
        Response resp;
        try {
            resp = client.performRequest(r);
        } catch (ResponseException e) {
            resp = e.getResponse();
        } catch (IOException e) {
            // Unreachable is worth waiting for (a daemon retries it); a TLS or DNS mistake is not.
            String text = method + " " + path + " to " + where + " failed: " + NetworkErrors.describe(e);
            throw NetworkErrors.isPermanent(e) ? TablesyncException.userError(EsWriterErrorCode.ES_CONNECTION, text, e)
                    : TablesyncException.transientError(EsWriterErrorCode.ES_CONNECTION, text, e);
        }
        int status = resp.getStatusLine().getStatusCode();
        String body;
        try {
            body = resp.getEntity() == null ? "" : EntityUtils.toString(resp.getEntity(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw TablesyncException.transientError(EsWriterErrorCode.ES_CONNECTION, "reading the answer to " + method + " " + path + " failed: " + e, e);
        }
        if (status == 401 || status == 403) {
            throw authError(status, method + " " + path, body);
        }
        return new Reply(status, body, resp.getHeader("X-elastic-product"));
    }

    TablesyncException authError(int status, String what, String body) {
        return TablesyncException.userError(EsWriterErrorCode.ES_AUTHENTICATION, where + " answered HTTP " + status + " to " + what
                + (status == 401 ? ": the credentials (username/password or apiKey) were not accepted"
                        : ": the user lacks the privilege for this request")
                + " - " + abbreviate(body));
    }

    static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        return s.length() > 1000 ? s.substring(0, 1000) + "..." : s;
    }
}

package io.tablesync.plugin.elasticsearch;

import java.io.IOException;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.elasticsearch.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One REST client (one connection pool, one I/O reactor) per Elasticsearch endpoint for all writer
 * tasks of the process — every channel of a job and every job of a multi-job {@code sync} — instead of
 * one per task. Tasks whose settings differ in anything the client is built from (credentials, TLS,
 * timeouts, compression, pool size) get separate clients. Reference-counted: the last task to
 * release a client closes it.
 */
final class SharedClients {
    private static final Logger LOG = LoggerFactory.getLogger(SharedClients.class);

    /** Everything {@link EsClientFactory#create} reads. Holds secrets: never logged (toString masks them). */
    private record Key(List<String> endpoints, String username, String password, String apiKey, boolean compression,
                       int timeoutMs, int maxTotalConnection, boolean insecure, String caFile, String truststore,
                       String truststorePassword, String truststoreType) {
        @Override
        public String toString() {
            return String.join(",", endpoints);
        }
    }

    private static final class Entry {
        final Key key;
        final RestClient client;
        int users;

        Entry(Key key, RestClient client) {
            this.key = key;
            this.client = client;
        }
    }

    private static final Map<Key, Entry> BY_KEY = new HashMap<>();
    private static final Map<RestClient, Entry> BY_CLIENT = new IdentityHashMap<>();

    private SharedClients() {
    }

    /** The shared client for these settings, created on first use; give it back with {@link #release}. */
    static synchronized RestClient acquire(EsWriterConfig cfg) {
        Key key = new Key(List.copyOf(cfg.endpoints), cfg.username, cfg.password, cfg.apiKey, cfg.compression, cfg.timeoutMs,
                cfg.maxTotalConnection, cfg.insecure, cfg.caFile, cfg.truststore, cfg.truststorePassword, cfg.truststoreType);
        Entry e = BY_KEY.get(key);
        if (e == null) {
            e = new Entry(key, EsClientFactory.create(cfg));
            BY_KEY.put(key, e);
            BY_CLIENT.put(e.client, e);
            LOG.info("HTTP client for {} created; every writer task of this process with the same endpoint and credentials"
                    + " shares it", key);
        }
        e.users++;
        return e.client;
    }

    /** One user fewer; the last one closes the client. */
    static synchronized void release(RestClient client) {
        Entry e = BY_CLIENT.get(client);
        if (e == null || --e.users > 0) {
            return;
        }
        BY_CLIENT.remove(client);
        BY_KEY.remove(e.key);
        try {
            client.close();
        } catch (IOException ex) {
            LOG.debug("closing the REST client for {}", e.key, ex);
        }
    }
}

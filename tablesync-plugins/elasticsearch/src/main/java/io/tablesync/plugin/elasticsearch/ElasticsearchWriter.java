package io.tablesync.plugin.elasticsearch;

import io.tablesync.core.TablesyncException;
import io.tablesync.core.net.NetworkErrors;
import io.tablesync.core.config.Configuration;
import io.tablesync.core.element.Record;
import io.tablesync.core.spi.RecordReceiver;
import io.tablesync.core.spi.Writer;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.elasticsearch.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code elasticsearchwriter}: DataX's job file, tablesync's semantics (README of this module). */
public final class ElasticsearchWriter {
    private static final Logger LOG = LoggerFactory.getLogger(ElasticsearchWriter.class);
    /** Where Job.split hands the detected server shape to the tasks. */
    static final String SERVER_TYPELESS = "tablesyncServer.typeless";
    static final String SERVER_BULK_PATH = "tablesyncServer.bulkPath";
    static final String SERVER_SCRIPTS = "tablesyncServer.scripts";

    private ElasticsearchWriter() {
    }

    public static final class Job extends Writer.Job {
        private EsWriterConfig cfg;
        private ServerInfo server;
        private String bulkPath;
        private boolean scripts;

        @Override
        public void validate() {
            cfg = new EsWriterConfig(getPluginJobConf());
            // builds the TLS context (caFile, truststore) and the hosts without sending anything
            try (RestClient ignored = EsClientFactory.create(cfg)) {
                LOG.debug("elasticsearchwriter configuration checked");
            } catch (IOException e) {
                LOG.debug("closing the unused REST client", e);
            }
        }

        @Override
        public void init() {
            if (cfg == null) {
                validate();
            }
            if (cfg.discovery) {
                LOG.info("discovery is not supported: requests go to the configured endpoint(s) {}", cfg.endpoints);
            }
        }

        @Override
        public void prepare() {
            // DataX retries the whole prepare step (retryTimes x sleepTimeInMilliSecond); we retry only
            // what can heal by waiting (connection problems) and fail at once on answers such as a
            // mapping conflict or bad credentials, which no retry fixes.
            int attempt = 1;
            while (true) {
                try (RestClient client = EsClientFactory.create(cfg)) {
                    EsRequests http = new EsRequests(client, String.join(",", cfg.endpoints));
                    server = EsVersionProbe.probe(http, cfg);
                    IndexManager im = new IndexManager(http, cfg, server);
                    bulkPath = server.typeless() ? "/" + cfg.index + "/_bulk" : "/" + cfg.index + "/" + im.typeName() + "/_bulk";
                    LOG.info("{} at {}: {} requests, bulk path {}", server, cfg.endpoints, server.typeless() ? "typeless" : "typed", bulkPath);
                    im.prepare();
                    scripts = probeScripts(http, server.typeless()
                            ? "/" + cfg.index + "/_update/" + ScriptSupport.PROBE_ID
                            : "/" + cfg.index + "/" + im.typeName() + "/" + ScriptSupport.PROBE_ID + "/_update");
                    return;
                } catch (TablesyncException e) {
                    // a TLS mismatch or an unknown host fails the same way every time: no retry
                    if (e.errorCode() != EsWriterErrorCode.ES_CONNECTION || attempt >= cfg.prepareRetryTimes
                            || (e.getCause() != null && NetworkErrors.isPermanent(e.getCause()))) {
                        throw e;
                    }
                    LOG.warn("prepare attempt {}/{} failed ({}); retrying in {} ms", attempt, cfg.prepareRetryTimes, e.getMessage(),
                            cfg.prepareRetrySleepMs);
                    sleep(cfg.prepareRetrySleepMs);
                    attempt++;
                } catch (IOException e) {
                    throw TablesyncException.userError(EsWriterErrorCode.ES_CONNECTION, "closing the client failed: " + e, e);
                }
            }
        }

        /** Whether deleted columns can be removed (scripted updates); said once, here, for the whole job. */
        private boolean probeScripts(EsRequests http, String updatePath) {
            ScriptSupport.Result r = ScriptSupport.probe(http, updatePath);
            if (r.supported()) {
                LOG.info("{} runs painless scripts: a deleted column removes its field from [{}] (scripted update)", server, cfg.index);
            } else {
                LOG.warn("{} cannot run painless scripts ({}): a deleted column is written as null in [{}] instead of removing its "
                        + "field; search treats null as missing, but the key stays in _source", server, r.reason(), cfg.index);
            }
            return r.supported();
        }

        @Override
        public List<Configuration> split(int mandatoryNumber) {
            List<Configuration> out = new ArrayList<>(mandatoryNumber);
            for (int i = 0; i < mandatoryNumber; i++) {
                Configuration c = getPluginJobConf().copy();
                c.set(SERVER_TYPELESS, server.typeless());
                c.set(SERVER_BULK_PATH, bulkPath);
                c.set(SERVER_SCRIPTS, scripts);
                out.add(c);
            }
            return out;
        }

        @Override
        public void post() {
            if (cfg.alias == null) {
                return;
            }
            try (RestClient client = EsClientFactory.create(cfg)) {
                new IndexManager(new EsRequests(client, String.join(",", cfg.endpoints)), cfg, server).applyAlias();
            } catch (IOException e) {
                throw TablesyncException.userError(EsWriterErrorCode.ES_CONNECTION, "closing the client failed: " + e, e);
            }
        }
    }

    public static final class Task extends Writer.Task {
        private static final Duration LINGER_STEP = Duration.ofMillis(1);
        private EsWriterConfig cfg;
        private RestClient client;
        private DocumentConverter converter;
        private String bulkPath;

        @Override
        public void init() {
            Configuration c = getPluginJobConf();
            cfg = new EsWriterConfig(c);
            boolean typeless = c.getBool(SERVER_TYPELESS, true);
            bulkPath = c.getString(SERVER_BULK_PATH, "/" + cfg.index + "/_bulk");
            converter = new DocumentConverter(cfg, typeless, c.getBool(SERVER_SCRIPTS, false));
            client = SharedClients.acquire(cfg);
        }

        @Override
        public void startWrite(RecordReceiver receiver) {
            BulkWriter writer = new BulkWriter(client, cfg, bulkPath, receiver, getTaskPluginCollector());
            while (true) {
                Record r = receiver.poll(pollTimeout(writer));
                if (r == null) {
                    if (receiver.isEnded()) {
                        break;
                    }
                    if (writer.hasBuffered()) {
                        if (writer.awaitingAnswer()) {
                            // A partial batch waits while a request travels (Nagle's rule): the records arriving
                            // meanwhile join it, so a steady stream goes out in few, full requests instead of many
                            // small ones that cost both ends CPU per request. Sent when the answer arrives.
                            continue;
                        }
                        // Nothing more is waiting and nothing is in flight: send now, so a quiet stream adds no
                        // delay; under load the channel is rarely empty and batches fill up to batchSize.
                        writer.flush();
                    } else {
                        // quiet: finish the request in flight so its records are acknowledged promptly
                        writer.awaitInFlight();
                    }
                    continue;
                }
                converter.checkWidth(r);
                EsAction action;
                try {
                    action = converter.convert(r);
                } catch (DocumentConverter.ConversionException e) {
                    getTaskPluginCollector().collectDirtyRecord(r, "conversion_error", e, e.getMessage());
                    receiver.acknowledge(r);
                    continue;
                }
                writer.add(action);
            }
            writer.finish();
        }

        /**
         * How long to wait for the next record: not at all with a batch to send, a moment while a partial batch
         * waits for the answer of a request in flight (checked again after it), the flush interval when idle.
         */
        private Duration pollTimeout(BulkWriter writer) {
            if (!writer.hasBuffered()) {
                return Duration.ofMillis(cfg.flushIntervalMs);
            }
            return writer.awaitingAnswer() ? LINGER_STEP : Duration.ZERO;
        }

        @Override
        public void destroy() {
            if (client != null) {
                SharedClients.release(client);
                client = null;
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw TablesyncException.userError(EsWriterErrorCode.ES_CONNECTION, "interrupted", e);
        }
    }
}

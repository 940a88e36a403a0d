package io.tablesync.plugin.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.abort;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tablesync.core.TablesyncException;
import io.tablesync.core.check.Checklist;
import io.tablesync.core.config.Configuration;
import io.tablesync.testkit.elasticsearch.EsDistribution;
import io.tablesync.testkit.elasticsearch.EsNode;
import io.tablesync.testkit.elasticsearch.EsNodes;
import io.tablesync.testkit.elasticsearch.FaultProxy;
import io.tablesync.testkit.elasticsearch.TestPki;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Basic auth, API keys and TLS against secured real nodes. Only the 7.17 and 8.17 integ-test-zips ship
 * security; on the others these tests are skipped with that reason.
 */
class SecurityTest {
    static List<EsDistribution> distributions() {
        return EsTestSupport.distributions();
    }

    /** No other test class uses the secured nodes: free them for the rest of the module's tests. */
    @AfterAll
    static void stopSecuredNodes() {
        EsNodes.stopSecured();
    }

    private static EsNode secured(EsDistribution dist) {
        assumeTrue(dist.supportsSecurity(), dist + " integ-test-zip has no x-pack security module: nothing to authenticate against");
        return EsNodes.sharedSecured(dist);
    }

    private static String params(String endpoint, String index, String extra) {
        return EsTestSupport.params(endpoint, index, extra + ",\"column\":[{\"name\":\"id\",\"type\":\"id\"},{\"name\":\"v\",\"type\":\"keyword\"}]");
    }

    private static String json(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String fresh(EsNode node, String name) {
        String idx = "sec-" + node.distribution().name().toLowerCase().replace('_', '-') + "-" + name;
        node.http().deleteIndex(idx);
        return idx;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("distributions")
    void basicAuthOverHttpsWithCaFileTruststoreOrInsecure(EsDistribution dist) {
        EsNode node = secured(dist);
        TestPki pki = node.pki();
        String auth = "\"username\":" + json(node.username()) + ",\"password\":" + json(node.password());
        String idx = fresh(node, "tls");
        WriterRun.run(params(node.url(), idx, auth + ",\"caFile\":" + json(pki.caCertificate().toString())),
                List.of(Records.strings("1", "ca"))).expectSuccess();
        WriterRun.run(params(node.url(), idx, auth + ",\"truststore\":" + json(pki.truststore().toString())
                + ",\"truststorePassword\":" + json(TestPki.TRUSTSTORE_PASSWORD)), List.of(Records.strings("2", "truststore"))).expectSuccess();
        // 127.0.0.1 with insecure: no certificate or host name check, explicitly asked for
        WriterRun.run(params(node.url(), idx, auth + ",\"insecure\":true"), List.of(Records.strings("3", "insecure"))).expectSuccess();
        assertThat(node.http().count(idx)).isEqualTo(3);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("distributions")
    void untrustedCertificateFailsClearly(EsDistribution dist) {
        EsNode node = secured(dist);
        String auth = "\"username\":" + json(node.username()) + ",\"password\":" + json(node.password());
        WriterRun run = WriterRun.run(params(node.url(), fresh(node, "untrusted"), auth + ",\"retryTimes\":1"), List.of(Records.strings("1", "x")));
        assertThat(run.failure).isInstanceOf(TablesyncException.class).hasMessageContaining("ESWriter-11").hasMessageContaining("PKIX");
        assertThat(run.failure.getMessage()).doesNotContain(node.password());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("distributions")
    void wrongPasswordIsReportedWithoutTheSecret(EsDistribution dist) {
        EsNode node = secured(dist);
        String wrong = "Wr0ng-Secret-Value";
        WriterRun run = WriterRun.run(params(node.url(), fresh(node, "wrongpw"), "\"accessId\":" + json(node.username())
                + ",\"accessKey\":" + json(wrong) + ",\"caFile\":" + json(node.pki().caCertificate().toString())), List.of(Records.strings("1", "x")));
        assertThat(run.failure).isInstanceOf(TablesyncException.class).hasMessageContaining("ESWriter-10").hasMessageContaining("401");
        assertThat(run.failure.getMessage()).doesNotContain(wrong);
        assertThat(((TablesyncException) run.failure).isUserError()).isTrue();
    }

    /** {@code tablesync check}'s Elasticsearch part: a rejected password is a ✗ of its own, the right one a ✓. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("distributions")
    void checkTellsARejectedPasswordFromAnAcceptedOneWithoutTheSecret(EsDistribution dist) {
        EsNode node = secured(dist);
        String wrong = "Wr0ng-Check-Secret";
        String ca = ",\"caFile\":" + json(node.pki().caCertificate().toString());
        Checklist rejected = new Checklist();
        EsCheck.check(Configuration.fromJson(params(node.url(), fresh(node, "check-wrongpw"), "\"username\":" + json(node.username())
                + ",\"password\":" + json(wrong) + ca)).withPrefix("job.content[0].writer.parameter"), rejected);
        Checklist.Item credentials = rejected.items().stream().filter(i -> i.subject().equals("Elasticsearch credentials")).findFirst()
                .orElseThrow(() -> new AssertionError(rejected.render("")));
        assertThat(credentials.passed()).as(rejected.render("")).isFalse();
        assertThat(credentials.detail()).contains("401");
        assertThat(rejected.passed()).isFalse();
        assertThat(rejected.render("")).doesNotContain(wrong).contains("✓ Elasticsearch reachable");

        Checklist accepted = new Checklist();
        EsCheck.check(Configuration.fromJson(params(node.url(), fresh(node, "check-rightpw"), "\"username\":" + json(node.username())
                + ",\"password\":" + json(node.password()) + ca)).withPrefix("job.content[0].writer.parameter"), accepted);
        assertThat(accepted.passed()).as(accepted.render("")).isTrue();
        assertThat(accepted.render("")).contains("user " + node.username() + " accepted").doesNotContain(node.password());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("distributions")
    void credentialsAreSentPreemptivelyOnEveryRequest(EsDistribution dist) {
        EsNode node = secured(dist);
        String idx = fresh(node, "preemptive");
        try (FaultProxy proxy = FaultProxy.start(node)) {
            WriterRun.run(params(proxy.url(), idx, "\"username\":" + json(node.username()) + ",\"password\":" + json(node.password())),
                    List.of(Records.strings("1", "x"), Records.strings("2", "y"))).expectSuccess();
            String expected = "Basic " + Base64.getEncoder().encodeToString((node.username() + ":" + node.password()).getBytes(StandardCharsets.UTF_8));
            assertThat(proxy.requests()).isNotEmpty().allSatisfy(r -> {
                assertThat(r.header("Authorization")).isEqualTo(expected);
                assertThat(r.status()).isNotEqualTo(401);
            });
        }
        assertThat(node.http().count(idx)).isEqualTo(2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("distributions")
    void apiKeyIsSentPreemptivelyAndARejectedKeyIsReportedWithoutTheSecret(EsDistribution dist) {
        EsNode node = secured(dist);
        try (FaultProxy proxy = FaultProxy.start(node)) {
            WriterRun run = WriterRun.run(params(proxy.url(), fresh(node, "badkey"), "\"apiKey\":\"someid:TopSecretKey\",\"retryTimes\":1"),
                    List.of(Records.strings("1", "x")));
            String encoded = Base64.getEncoder().encodeToString("someid:TopSecretKey".getBytes(StandardCharsets.UTF_8));
            assertThat(proxy.requests()).isNotEmpty().allSatisfy(r -> assertThat(r.header("Authorization")).isEqualTo("ApiKey " + encoded));
            assertThat(run.failure).isInstanceOf(TablesyncException.class).hasMessageContaining("ESWriter-10");
            assertThat(run.failure.getMessage()).doesNotContain("TopSecretKey").doesNotContain(encoded);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("distributions")
    void apiKeyAuthenticatesWrites(EsDistribution dist) {
        EsNode node = secured(dist);
        String key;
        try {
            key = node.createApiKey("tablesync-writer");
        } catch (UnsupportedOperationException e) {
            abort(e.getMessage());
            return;
        }
        String idx = fresh(node, "apikey");
        WriterRun.run(params(node.url(), idx, "\"apiKey\":" + json(key) + ",\"caFile\":" + json(node.pki().caCertificate().toString())),
                List.of(Records.strings("1", "x"))).expectSuccess();
        assertThat(node.http().count(idx)).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("distributions")
    void credentialsInTheEndpointUrlAreUsedForBasicAuthAndNeverPrinted(EsDistribution dist) {
        EsNode node = secured(dist);
        String url = node.url().replace("://", "://" + java.net.URLEncoder.encode(node.username(), StandardCharsets.UTF_8) + ":"
                + java.net.URLEncoder.encode(node.password(), StandardCharsets.UTF_8) + "@");
        String idx = fresh(node, "userinfo");
        WriterRun.run(params(url, idx, "\"caFile\":" + json(node.pki().caCertificate().toString())),
                List.of(Records.strings("1", "from-url"))).expectSuccess();
        assertThat(node.http().count(idx)).isEqualTo(1);
        // both ways at once is ambiguous: a configuration error that does not echo the secret
        WriterRun both = WriterRun.run(params(url, idx, "\"username\":\"x\",\"password\":\"y\""), List.of(Records.strings("2", "x")));
        assertThat(both.failure).hasMessageContaining("contains credentials (user:password@)");
        assertThat(both.failure.getMessage()).doesNotContain(node.password());
    }
}

package io.tablesync.testkit.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EsNodeTest {

    static List<EsDistribution> distributions() {
        return EsDistribution.selected();
    }

    /**
     * The launcher's secured mode is checked on one distribution, the newest selected one with security:
     * the writer's SecurityTest runs against the secured node of every distribution that has security, and
     * each secured node costs a module's test JVM half a minute to start.
     */
    private static EsDistribution newestWithSecurity() {
        List<EsDistribution> secured = EsDistribution.selectedWithSecurity();
        assumeTrue(!secured.isEmpty(), "none of the selected distributions has x-pack security");
        return secured.get(secured.size() - 1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("distributions")
    void startsTheRequestedVersionAndStoresDocuments(EsDistribution dist) {
        EsNode node = EsNodes.shared(dist);
        assertThat(node.serverVersion()).isEqualTo(dist.version());
        EsHttp http = node.http();
        http.deleteIndex("launcher-smoke");
        http.put("/launcher-smoke/_doc/1?refresh=true", "{\"name\":\"héllo\",\"n\":42}").expectOk();
        assertThat(http.source("launcher-smoke", "1").path("name").asText()).isEqualTo("héllo");
        assertThat(http.count("launcher-smoke")).isEqualTo(1);
        // same node for the whole JVM
        assertThat(EsNodes.shared(dist)).isSameAs(node);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("distributions")
    void neverRunsAsRoot(EsDistribution dist) {
        assumeTrue(EsLauncher.isRoot(), "only meaningful when the tests run as root");
        EsNode node = EsNodes.shared(dist);
        assertThat(node.processes()).isNotEmpty().allSatisfy(p ->
                assertThat(p.info().user()).hasValue("nobody"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("distributions")
    void securityModuleIsPresentExactlyWhereClaimed(EsDistribution dist) {
        boolean hasModule = Files.isDirectory(EsInstaller.install(dist).resolve("modules").resolve("x-pack-security"));
        assertThat(hasModule).isEqualTo(dist.supportsSecurity());
        if (!dist.supportsSecurity()) {
            assertThatThrownBy(() -> EsNodes.sharedSecured(dist)).isInstanceOf(UnsupportedOperationException.class);
        }
    }

    /** Painless runs exactly on the distributions that claim it (OpenSearch 2 only through the module the testkit installs). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("distributions")
    void scriptsRunExactlyWhereClaimed(EsDistribution dist) {
        EsHttp http = EsNodes.shared(dist).http();
        http.deleteIndex("launcher-scripts");
        http.put("/launcher-scripts/_doc/1?refresh=true", "{\"keep\":1,\"drop\":2}").expectOk();
        String update = dist.majorVersion() == 6 && !dist.isOpenSearch() ? "/launcher-scripts/_doc/1/_update" : "/launcher-scripts/_update/1";
        EsHttp.Response r = http.post(update + "?refresh=true",
                "{\"script\":{\"lang\":\"painless\",\"source\":\"ctx._source.remove('drop')\"}}");
        if (dist.supportsScripts()) {
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(http.source("launcher-scripts", "1").has("drop")).isFalse();
            assertThat(http.source("launcher-scripts", "1").path("keep").asInt()).isEqualTo(1);
        } else {
            assertThat(r.status()).as(r.body()).isEqualTo(400);
            assertThat(http.source("launcher-scripts", "1").path("drop").asInt()).isEqualTo(2);
        }
    }

    /** Elasticsearch 9 and OpenSearch 3 refuse Java 17: their server JVM is the one ServerJava chose. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("distributions")
    void runsOnAJavaTheServerSupports(EsDistribution dist) throws Exception {
        EsNode node = EsNodes.shared(dist);
        Path javaHome = ServerJava.home(dist).toRealPath(); // the process's command is its resolved executable
        assertThat(ServerJava.featureVersion(javaHome)).hasValueSatisfying(v -> assertThat(v).isGreaterThanOrEqualTo(dist.minimumJava()));
        assertThat(node.processes()).anySatisfy(p -> assertThat(p.info().command()).hasValueSatisfying(
                c -> assertThat(c).startsWith(javaHome.resolve("bin").toString())));
    }

    @Test
    void securedNodeNeedsCredentialsAndSpeaksTlsWithTheGeneratedCa() throws Exception {
        EsDistribution dist = newestWithSecurity();
        EsNode node = EsNodes.sharedSecured(dist);
        assertThat(node.url()).startsWith("https://");
        // the testkit client trusts only the generated CA and authenticates as the superuser
        assertThat(node.http().get("/_cluster/health").status()).isEqualTo(200);
        // no credentials -> 401
        EsHttp anonymous = new EsHttp(node.url(), null, null, node.pki().sslContext());
        assertThat(anonymous.get("/_cluster/health").status()).isEqualTo(401);
        // wrong password -> 401
        EsHttp wrong = new EsHttp(node.url(), node.username(), "wrong-password", node.pki().sslContext());
        assertThat(wrong.get("/_cluster/health").status()).isEqualTo(401);
        // an unknown API key is refused
        HttpClient client = HttpClient.newBuilder().sslContext(node.pki().sslContext()).build();
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(node.url() + "/_cluster/health"))
                .header("Authorization", "ApiKey " + java.util.Base64.getEncoder().encodeToString("nope:nope".getBytes())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(401);
        // the JVM's default trust store does not know the test CA
        HttpClient untrusting = HttpClient.newHttpClient();
        assertThatThrownBy(() -> untrusting.send(HttpRequest.newBuilder(URI.create(node.url() + "/")).build(),
                HttpResponse.BodyHandlers.ofString())).hasRootCauseInstanceOf(java.security.cert.CertPathBuilderException.class);
        assertThat(node.pki().truststore()).isRegularFile();
    }

    /**
     * Documents a limit of the zips rather than hiding it: if a future zip can create API keys, this
     * fails and the API key tests (which skip on this exception) should be revisited.
     */
    @Test
    void integTestZipsCannotCreateApiKeys() {
        EsDistribution dist = newestWithSecurity();
        EsNode node = EsNodes.sharedSecured(dist);
        assertThatThrownBy(() -> node.createApiKey("launcher-test"))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("pattern_capture");
    }

    @Test
    void stopEndsTheProcessTreeFreesThePortAndKeepsLogs() throws Exception {
        EsDistribution dist = EsDistribution.selected().get(0);
        EsNode node = EsLauncher.start(dist, false);
        List<ProcessHandle> processes = node.processes();
        node.close();
        assertThat(processes).noneMatch(ProcessHandle::isAlive);
        assertThatThrownBy(() -> new Socket("127.0.0.1", node.port()).close()).isInstanceOf(ConnectException.class);
        assertThat(node.logDir().resolve("console.log")).isRegularFile();
        assertThat(node.logDir().getParent().resolve("data")).doesNotExist();
    }
}

package io.tablesync.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SecretMaskerTest {
    @Test
    void masksSecretLikeKeysAnywhereInTheTree() {
        Configuration c = Configuration.fromJson("{\"a\":{\"accessKey\":\"K1\",\"accessId\":\"ID\",\"list\":[{\"password\":\"P\"},"
                + "{\"apiKey\":\"A\"},{\"accessKeySecret\":\"S\"},{\"securityToken\":\"T\"}]}}");
        String masked = SecretMasker.maskedPrettyJson(c);
        assertThat(masked).contains("\"accessId\" : \"ID\"").doesNotContain("\"K1\"").doesNotContain("\"P\"")
                .doesNotContain("\"A\"").doesNotContain("\"S\"").doesNotContain("\"T\"");
        assertThat(c.getString("a.accessKey")).isEqualTo("K1"); // the original is untouched
    }

    @Test
    void scrubsSecretValuesFromFreeText() {
        assertThat(SecretMasker.scrub("auth failed for key abc123 at host", List.of("abc123"))).isEqualTo(
                "auth failed for key ******** at host");
    }
}

package kz.gov.safework.contract.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** config/demo-credentials.properties must cover every agency of agencies.yaml plus the two non-agency logins. */
class DemoCredentialsFileTest {

    @Test
    void everyAgencyOperatorAndGovernmentHaveADistinctDemoPassword() throws IOException {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(ConfigDir.real().resolve("demo-credentials.properties"),
                StandardCharsets.UTF_8)) {
            props.load(reader);
        }
        ReferenceData data = ReferenceData.load(ConfigDir.real());
        HashSet<String> expected = new HashSet<>();
        data.agencies().forEach(a -> expected.add(a.login()));
        expected.add("operator");
        expected.add("government");
        assertThat(props.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(new HashSet<>(props.values())).hasSameSizeAs(expected);
    }
}

package kz.gov.safework.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskSpaceHealthCheckTest {
    @TempDir
    Path dataDir;

    private HealthCheck.Result check(long minFreeBytes, Path dir) throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            DiskSpaceHealthCheck check = new DiskSpaceHealthCheck(new DataDirSpace(dir), minFreeBytes);
            check.setCamelContext(context);
            return check.call(Map.of());
        }
    }

    @Test
    void upWhenMoreThanTheThresholdIsFree() throws Exception {
        HealthCheck.Result result = check(1, dataDir);

        assertThat(result.getState()).isEqualTo(HealthCheck.State.UP);
        assertThat((Long) result.getDetails().get("freeBytes")).isPositive();
    }

    @Test
    void downWhenLessThanTheThresholdIsFree() throws Exception {
        HealthCheck.Result result = check(Long.MAX_VALUE, dataDir);

        assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(result.getMessage()).hasValueSatisfying(message -> assertThat(message).contains("free"));
    }

    @Test
    void measuresTheNearestExistingParentBeforeTheDataDirExists() throws Exception {
        HealthCheck.Result result = check(1, dataDir.resolve("not/created/yet"));

        assertThat(result.getState()).isEqualTo(HealthCheck.State.UP);
    }

    @Test
    void isAReadinessCheckOnly() {
        DiskSpaceHealthCheck check = new DiskSpaceHealthCheck(new DataDirSpace(dataDir), 1);

        assertThat(check.isReadiness()).isTrue();
        assertThat(check.isLiveness()).isFalse();
    }
}

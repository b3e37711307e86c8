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
    void downBeforeTheBrokerWouldBlock() throws Exception {
        // A broker that blocks at 0 % disk usage blocks always: readiness must already be DOWN.
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            DiskSpaceHealthCheck check = new DiskSpaceHealthCheck(new DataDirSpace(dataDir), 1, 0);
            check.setCamelContext(context);
            HealthCheck.Result result = check.call(Map.of());
            assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
            assertThat(result.getMessage()).hasValueSatisfying(m -> assertThat(m).contains("broker blocks"));
        }
    }

    @Test
    void thresholdIsTheBrokersBlockingPointPlusTheMinimum() throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            DataDirSpace space = new DataDirSpace(dataDir);
            DiskSpaceHealthCheck check = new DiskSpaceHealthCheck(space, 1, 90);
            check.setCamelContext(context);
            HealthCheck.Result result = check.call(Map.of());
            long blocksBelow = space.totalBytes() / 100 * 10;
            assertThat(result.getDetails().get("brokerBlocksBelowFreeBytes")).isEqualTo(blocksBelow);
            assertThat(result.getState()).isEqualTo(space.usableBytes() >= blocksBelow + 1
                    ? HealthCheck.State.UP : HealthCheck.State.DOWN);
        }
    }

    @Test
    void isAReadinessCheckOnly() {
        DiskSpaceHealthCheck check = new DiskSpaceHealthCheck(new DataDirSpace(dataDir), 1);

        assertThat(check.isReadiness()).isTrue();
        assertThat(check.isLiveness()).isFalse();
    }
}

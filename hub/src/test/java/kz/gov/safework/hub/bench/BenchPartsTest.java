package kz.gov.safework.hub.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The benchmark's own parts that can be wrong without a hub: its documents and its reading of the metrics. */
class BenchPartsTest {
    private static final Path EXAMPLES = Path.of("../schemas/examples/valid");

    @Test
    void everyDocumentCarriesAFreshReportId() throws Exception {
        Documents json = Documents.json(EXAMPLES);
        String first = json.next();
        String second = json.next();
        assertThat(first).isNotEqualTo(second).doesNotContain("6f1c2a9e-4b7d-4e2a-9c3f-1a2b3c4d5e6f");
        assertThat(first.length()).isEqualTo(second.length());
    }

    @Test
    void theLargeDocumentsAreOneMebibyteWithFullNarratives() throws Exception {
        for (Documents small : new Documents[] {Documents.json(EXAMPLES), Documents.xml(EXAMPLES)}) {
            Documents large = small.mebibyte();
            assertThat(large.next().getBytes(StandardCharsets.UTF_8)).hasSize(Documents.MIB);
            assertThat(large.xml()).isEqualTo(small.xml());
            assertThat(large.name()).endsWith("-1MiB");
            // The narratives grew to near the schema's 20,000 characters: a third of the MiB is text (9 narratives), the rest padding.
            String withoutPadding = large.template().replaceAll(" {100,}", "");
            assertThat(withoutPadding.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(Documents.MIB / 4);
        }
    }

    @Test
    void heapInUseIsTheSumOfTheHeapsTopLevelLines() {
        String serial = """
                12345:
                 def new generation   total 9792K, used 1000K [0x00000000f0000000, 0x00000000f0aa0000)
                  eden space 8704K,  11% used [0x00000000f0000000, 0x00000000f0880000)
                 tenured generation   total 21888K, used 3000K [0x00000000f5550000, 0x00000000f6aa0000)
                 Metaspace       used 50000K, committed 51000K, reserved 1114112K
                """;
        String g1 = """
                12345:
                 garbage-first heap   total 262144K, used 45678K [0x00000000f0000000, 0x0000000100000000)
                  region size 1024K, 5 young (5120K), 0 survivors (0K)
                 Metaspace       used 50000K, committed 51000K, reserved 1114112K
                """;

        assertThat(Probe.usedBytes(serial)).isEqualTo(4000 * 1024L);
        assertThat(Probe.usedBytes(g1)).isEqualTo(45678 * 1024L);
    }

    @Test
    void stageTimesAreTheMeanOfEachTimerBetweenTwoScrapes() {
        StageTimes before = StageTimes.parse("""
                camel_route_policy_seconds_count{camelContext="hub",failed="false",routeId="pipeline",} 10.0
                camel_route_policy_seconds_sum{camelContext="hub",failed="false",routeId="pipeline",} 1.0
                hub_end_to_end_seconds_count 4.0
                hub_end_to_end_seconds_sum 2.0
                """);
        StageTimes after = StageTimes.parse("""
                camel_route_policy_seconds_count{camelContext="hub",failed="false",routeId="pipeline",} 30.0
                camel_route_policy_seconds_sum{camelContext="hub",failed="false",routeId="pipeline",} 1.5
                camel_route_policy_seconds_count{camelContext="hub",failed="false",routeId="jms-intake",} 0.0
                hub_end_to_end_seconds_count 4.0
                hub_end_to_end_seconds_sum 2.0
                """);

        Map<String, double[]> stages = after.since(before);

        assertThat(stages).containsOnlyKeys("camel_route_policy pipeline");
        assertThat(stages.get("camel_route_policy pipeline")).containsExactly(25.0, 20.0);
    }
}

package kz.gov.safework.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;

/**
 * The 100 MiB report of the large-document tests (SftpLargeFileIT, LargeQueueMessageIT): a JSON report of
 * AKIMAT-ASTANA whose narrative alone makes it 100 MiB, made as it is read, and what the hub must answer it: refused
 * for the narrative's length after streaming it whole into the message log.
 */
final class LargeReport {
    static final long SIZE = 100L * 1024 * 1024;
    /** The document limit the hub runs with in these tests: 100 MiB is under it. */
    static final long MAX_DOCUMENT_SIZE = 128L * 1024 * 1024;

    private LargeReport() {
    }

    static InputStream json() {
        byte[] head = ("{\"schema\":\"urn:kz:gov:safework:progress-report:v1\",\"reportId\":\"" + Reports.newId()
                + "\",\"agency\":\"AKIMAT-ASTANA\",\"plan\":\"" + Reports.PLAN + "\",\"year\":2023,"
                + "\"contact\":{\"name\":\"Тест\",\"email\":\"t@astana.gov.kz\"},\"items\":[{\"item\":\"14\","
                + "\"status\":\"IN_PROGRESS\",\"narrativeRu\":\"").getBytes(StandardCharsets.UTF_8);
        byte[] tail = "\"}]}".getBytes(StandardCharsets.UTF_8);
        return new SequenceInputStream(Collections.enumeration(List.of(new ByteArrayInputStream(head),
                new RepeatedByteStream('a', SIZE - head.length - tail.length), new ByteArrayInputStream(tail))));
    }

    /** The receipt refuses it (JSON_LIMIT_EXCEEDED) with its SHA-256, and the message log holds all its bytes. */
    static void refusedAndLogged(JsonNode receipt, String sha256, String channel, Path dataDir) throws IOException {
        assertThat(receipt.path("sha256").asText()).isEqualTo(sha256);
        assertThat(receipt.path("channel").asText()).isEqualTo(channel);
        assertThat(receipt.path("status").asText()).isEqualTo("REJECTED");
        assertThat(receipt.path("errors").toString()).contains("JSON_LIMIT_EXCEEDED");
        assertThat(Files.size(dataDir.resolve("messages").toFile().listFiles()[0].toPath()
                .resolve(receipt.path("submissionId").asText() + "." + sha256))).isEqualTo(SIZE);
    }
}

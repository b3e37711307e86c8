package kz.gov.safework.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 100 MiB document through the SFTP drop box of the packaged hub, whose heap is capped at 256 MiB (and whose
 * {@code hub.max-document-size} is raised to 128 MiB so that 100 MiB is under it): uploaded with the system curl,
 * streamed to the intake queue and into the message log, answered with a receipt whose SHA-256 is that of the
 * 100 MiB, and the hub still healthy afterwards.
 */
class SftpLargeFileIT {
    @TempDir
    Path data;
    @TempDir
    Path work;

    @Test
    void aHundredMebibytesPassThroughAHubWithAQuarterGigabyteHeap() throws Exception {
        Path upload = work.resolve("large report.json");
        String sha256 = writeLargeJson(upload);
        try (HubProcess hub = new HubProcess(data, Map.of("hub.max-document-size", Long.toString(LargeReport.MAX_DOCUMENT_SIZE)))
                .start()) {
            String base = "sftp://127.0.0.1:" + hub.sftpPort;
            String user = "akimat-astana:" + QueueChannelIT.password("akimat-astana");
            Process put = new ProcessBuilder("curl", "-sS", "-k", "-u", user, "-T", upload.toString(),
                    base + "/inbox/").redirectErrorStream(true).start();
            assertThat(put.waitFor()).as(new String(put.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                    .isZero();

            Path receipt = work.resolve("receipt.json");
            // The bound is generous (CI runs two system tests side by side on two cores); a hub that died or a
            // receipt that never comes fails with the hub's own log, so that a failure says where it stopped.
            try {
                await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                    assertThat(hub.alive()).as("the hub is still running").isTrue();
                    Process get = new ProcessBuilder(List.of("curl", "-sS", "-k", "-u", user, "-o",
                            receipt.toString(), base + "/receipts/large%20report.json.receipt.json"))
                            .redirectErrorStream(true).start();
                    return get.waitFor() == 0 && Files.size(receipt) > 0;
                });
            } catch (org.awaitility.core.ConditionTimeoutException | AssertionError noReceipt) {
                String log = hub.log();
                throw new AssertionError("no receipt for the 100 MiB upload; the hub's log ends with:\n"
                        + log.substring(Math.max(0, log.length() - 20_000)), noReceipt);
            }
            LargeReport.refusedAndLogged(new ObjectMapper().readTree(receipt.toFile()), sha256, "sftp", data);
            assertThat(QueueChannelIT.status(hub, "/observe/health")).isEqualTo(200);
        }
    }

    /** {@link LargeReport#json} into a file; its SHA-256. */
    private static String writeLargeJson(Path file) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (InputStream in = LargeReport.json(); OutputStream out = new DigestOutputStream(Files.newOutputStream(file), sha)) {
            in.transferTo(out);
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}

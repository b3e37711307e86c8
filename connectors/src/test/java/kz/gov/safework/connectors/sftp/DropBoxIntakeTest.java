package kz.gov.safework.connectors.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Properties;

import kz.gov.safework.contract.envelope.EnvelopeHeaders;

import org.junit.jupiter.api.Test;

/** Uploads to the drop box become envelopes on the intake, once each, only when complete. */
class DropBoxIntakeTest extends TestHubPerTest {
    private static final String REPORT = "{\"reportId\":\"R-1\",\"agency\":\"MZ\"}";

    private CapturedEnvelopes.Envelope awaitEnvelope(String fileName) {
        await().atMost(Duration.ofSeconds(10)).until(() -> !hub.intake.named(fileName).isEmpty());
        return hub.intake.named(fileName).get(0);
    }

    /** Uploads {@code fileName} to MZ's inbox in one session and waits for the envelope the hub made of it. */
    private CapturedEnvelopes.Envelope uploadAsMz(String fileName, String content) throws Exception {
        return uploadAsMz(fileName, content.getBytes(StandardCharsets.UTF_8));
    }

    private CapturedEnvelopes.Envelope uploadAsMz(String fileName, byte[] content) throws Exception {
        try (SftpTestClient client = hub.mz()) {
            client.upload("/inbox/" + fileName, content);
        }
        return awaitEnvelope(fileName);
    }

    @Test
    void uploadBecomesEnvelopeWithChannelHeadersAndIsArchived() throws Exception {
        hub = TestHub.start(dataDir);
        CapturedEnvelopes.Envelope envelope = uploadAsMz("report.json", REPORT);

        assertThat(new String(envelope.body(), StandardCharsets.UTF_8)).isEqualTo(REPORT);
        assertThat(envelope.bodyType()).doesNotContain("[B"); // a stream, not a byte[]
        assertThat(envelope.header(EnvelopeHeaders.CHANNEL)).isEqualTo("sftp");
        assertThat(envelope.header(EnvelopeHeaders.AGENCY)).isEqualTo("MZ");
        assertThat(envelope.header(EnvelopeHeaders.LOGIN)).isEqualTo("mz");
        assertThat(envelope.header(EnvelopeHeaders.FILE_NAME)).isEqualTo("report.json");
        assertThat(envelope.header(EnvelopeHeaders.CONTENT_TYPE)).isEqualTo("application/json");
        assertThat(envelope.header(EnvelopeHeaders.REPLY_TO)).isEqualTo("/receipts");
        assertThat(envelope.header(EnvelopeHeaders.TRANSPORT_ID)).startsWith("sftp:mz:/inbox/report.json:");
        assertThat(Instant.parse(envelope.header(EnvelopeHeaders.RECEIVED_AT))).isBefore(Instant.now().plusSeconds(1));
        assertThat(envelope.headers()).doesNotContainKey(EnvelopeHeaders.ADAPTER_ERROR);
        assertThat(envelope.headers().keySet()).noneMatch(h -> h.toLowerCase().startsWith("camel"));

        await().atMost(Duration.ofSeconds(5))
                .until(() -> Files.exists(hub.home("mz").resolve("archive/report.json")));
        assertThat(hub.home("mz").resolve("inbox/report.json")).doesNotExist();
        assertThat(hub.home("mz").resolve("archive/report.json")).hasContent(REPORT);
    }

    @Test
    void slowUploadIsNotReadUntilItsHandleIsClosed() throws Exception {
        hub = TestHub.start(dataDir);
        byte[] first = "{\"reportId\":\"R-slow\",".getBytes(StandardCharsets.UTF_8);
        byte[] rest = "\"agency\":\"MZ\"}".getBytes(StandardCharsets.UTF_8);
        try (SftpTestClient client = hub.mz()) {
            try (OutputStream slow = client.sftp.write("/inbox/slow.json")) {
                slow.write(first);
                slow.flush();
                // Two complete uploads after the first half: once both came through, the intake has scanned
                // the inbox at least twice while slow.json was on disk, half written.
                client.upload("/inbox/marker-1.json", REPORT);
                awaitEnvelope("marker-1.json");
                client.upload("/inbox/marker-2.json", REPORT);
                awaitEnvelope("marker-2.json");
                assertThat(hub.home("mz").resolve("inbox/slow.json")).exists();
                assertThat(hub.intake.named("slow.json")).isEmpty();
                slow.write(rest);
            }
        }
        CapturedEnvelopes.Envelope envelope = awaitEnvelope("slow.json");
        assertThat(new String(envelope.body(), StandardCharsets.UTF_8))
                .isEqualTo("{\"reportId\":\"R-slow\",\"agency\":\"MZ\"}");
        assertThat(hub.intake.named("slow.json")).hasSize(1);
    }

    @Test
    void uploadStillOpenCannotBeRenamedIntoTheInbox() throws Exception {
        hub = TestHub.start(dataDir);
        try (SftpTestClient client = hub.mz();
                OutputStream open = client.sftp.write("/inbox/upload.json.filepart")) {
            open.write("{\"half\":".getBytes(StandardCharsets.UTF_8));
            open.flush();
            org.assertj.core.api.Assertions.assertThatThrownBy(
                    () -> client.sftp.rename("/inbox/upload.json.filepart", "/inbox/upload.json"))
                    .isInstanceOf(java.io.IOException.class);
        }
        assertThat(hub.home("mz").resolve("inbox/upload.json")).doesNotExist();
        assertThat(hub.intake.all()).isEmpty();
    }

    @Test
    void completeUploadRenamedIntoTheInboxIsTaken() throws Exception {
        hub = TestHub.start(dataDir);
        try (SftpTestClient client = hub.mz()) {
            client.upload("/inbox/report.json.filepart", REPORT);
            client.upload("/inbox/marker.json", REPORT);
            awaitEnvelope("marker.json");
            assertThat(hub.intake.named("report.json.filepart")).isEmpty();
            client.sftp.rename("/inbox/report.json.filepart", "/inbox/report.json");
        }
        assertThat(new String(awaitEnvelope("report.json").body(), StandardCharsets.UTF_8)).isEqualTo(REPORT);
    }

    @Test
    void unsupportedExtensionStillReachesThePipelineMarkedUnsupportedExtension() throws Exception {
        hub = TestHub.start(dataDir);
        CapturedEnvelopes.Envelope envelope = uploadAsMz("report.txt", REPORT);
        assertThat(envelope.header(EnvelopeHeaders.ADAPTER_ERROR)).isEqualTo("UNSUPPORTED_EXTENSION");
        assertThat(envelope.header(EnvelopeHeaders.CONTENT_TYPE)).isEqualTo("application/octet-stream");
        assertThat(new String(envelope.body(), StandardCharsets.UTF_8)).isEqualTo(REPORT);
        await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(hub.home("mz").resolve("archive/report.txt")));
    }

    @Test
    void writePastTheSizeLimitFailsAndTheFileIsRefusedDocumentTooLargeAndRemoved() throws Exception {
        hub = TestHub.start(dataDir, "hub.sftp.max-file-size", "100");
        byte[] big = new byte[101];
        java.util.Arrays.fill(big, (byte) ' ');
        try (SftpTestClient client = hub.mz()) {
            assertThatThrownBy(() -> client.upload("/inbox/big.xml", big)).isInstanceOf(IOException.class);
        }
        CapturedEnvelopes.Envelope envelope = awaitEnvelope("big.xml");
        assertThat(envelope.header(EnvelopeHeaders.ADAPTER_ERROR)).isEqualTo("DOCUMENT_TOO_LARGE");
        assertThat(envelope.size()).isZero();
        await().atMost(Duration.ofSeconds(5)).until(() -> !Files.exists(hub.home("mz").resolve("inbox/big.xml")));
        assertThat(hub.home("mz").resolve("archive/big.xml")).doesNotExist();
    }

    @Test
    void fileOfExactlyTheSizeLimitIsTakenIn() throws Exception {
        hub = TestHub.start(dataDir, "hub.sftp.max-file-size", "100");
        byte[] exact = new byte[100];
        java.util.Arrays.fill(exact, (byte) ' ');
        CapturedEnvelopes.Envelope envelope = uploadAsMz("exact.xml", exact);
        assertThat(envelope.headers()).doesNotContainKey(EnvelopeHeaders.ADAPTER_ERROR);
        assertThat(envelope.size()).isEqualTo(100);
    }

    @Test
    void noUploadOpensWhileTheInboxIsAtItsFileQuota() throws Exception {
        hub = TestHub.start(dataDir, "hub.sftp.inbox-max-files", "2");
        try (SftpTestClient client = hub.mz()) {
            OutputStream first = client.sftp.write("/inbox/one.json");
            OutputStream second = client.sftp.write("/inbox/two.json");
            assertThatThrownBy(() -> client.upload("/inbox/three.json", REPORT)).isInstanceOf(IOException.class);
            first.close();
            second.close();
            // Once the hub has taken the two in, the inbox has room again.
            await().atMost(Duration.ofSeconds(10)).until(() -> hub.intake.named("two.json").size() == 1
                    && !Files.exists(hub.home("mz").resolve("inbox/one.json"))
                    && !Files.exists(hub.home("mz").resolve("inbox/two.json")));
            client.upload("/inbox/three.json", REPORT);
        }
        assertThat(awaitEnvelope("three.json").header(EnvelopeHeaders.LOGIN)).isEqualTo("mz");
    }

    @Test
    void noUploadOpensWhileTheInboxIsAtItsByteQuota() throws Exception {
        hub = TestHub.start(dataDir, "hub.sftp.inbox-max-bytes", "10");
        try (SftpTestClient client = hub.mz()) {
            try (OutputStream open = client.sftp.write("/inbox/one.json")) {
                open.write(new byte[10]);
                open.flush();
                await().atMost(Duration.ofSeconds(5))
                        .until(() -> Files.size(hub.home("mz").resolve("inbox/one.json")) == 10);
                assertThatThrownBy(() -> client.upload("/inbox/two.json", REPORT)).isInstanceOf(IOException.class);
            }
        }
    }

    @Test
    void zeroByteFileBecomesAnEmptyEnvelope() throws Exception {
        hub = TestHub.start(dataDir);
        CapturedEnvelopes.Envelope envelope = uploadAsMz("empty.json", new byte[0]);
        assertThat(envelope.size()).isZero();
        assertThat(envelope.headers()).doesNotContainKey(EnvelopeHeaders.ADAPTER_ERROR);
        await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(hub.home("mz").resolve("archive/empty.json")));
    }

    @Test
    void cyrillicNameWithSpacesIsKeptInTheEnvelopeAndTheArchive() throws Exception {
        hub = TestHub.start(dataDir);
        String name = "Отчёт МЗ за 2024 год.xml";
        CapturedEnvelopes.Envelope envelope = uploadAsMz(name, "<report/>");
        assertThat(envelope.header(EnvelopeHeaders.CONTENT_TYPE)).isEqualTo("application/xml");
        assertThat(envelope.header(EnvelopeHeaders.TRANSPORT_ID)).contains("/inbox/" + name + ":");
        await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(hub.home("mz").resolve("archive").resolve(name)));
    }

    @Test
    void sameFileUploadedAgainIsASecondEnvelopeWithANewTransportIdAndAUniqueArchiveName() throws Exception {
        hub = TestHub.start(dataDir);
        try (SftpTestClient client = hub.mz()) {
            client.upload("/inbox/report.json", REPORT);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> Files.exists(hub.home("mz").resolve("archive/report.json")));
            // The hub holds the name a moment longer, until it has finished taking the first file in, and refuses a
            // new upload to it meanwhile ("try again in a moment"): the agency's system tries again, as it would.
            await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                    .untilAsserted(() -> client.upload("/inbox/report.json", REPORT));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> hub.intake.named("report.json").size() == 2);
        var envelopes = hub.intake.named("report.json");
        assertThat(envelopes.get(0).sha256()).isEqualTo(envelopes.get(1).sha256());
        assertThat(envelopes.get(0).header(EnvelopeHeaders.TRANSPORT_ID))
                .isNotEqualTo(envelopes.get(1).header(EnvelopeHeaders.TRANSPORT_ID));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> Files.exists(hub.home("mz").resolve("archive/report-2.json")));
        assertThat(hub.home("mz").resolve("archive/report.json")).hasContent(REPORT);
    }

    @Test
    void retriedHandOverSendsTheWholeFileAgain() throws Exception {
        hub = TestHub.start(dataDir);
        hub.intake.failNext(2);
        try (SftpTestClient client = hub.mz()) {
            client.upload("/inbox/report.json", REPORT);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(hub.home("mz").resolve("archive/report.json")));
        var attempts = hub.intake.named("report.json");
        assertThat(attempts).hasSize(3);
        assertThat(attempts).allSatisfy(a -> assertThat(new String(a.body(), StandardCharsets.UTF_8)).isEqualTo(REPORT));
    }

    @Test
    void handOverFailingUntilRetriesAreSpentLeavesTheFileAndTheNextScanCarriesTheSameTransportId() throws Exception {
        hub = TestHub.start(dataDir);
        hub.intake.failNext(4); // the first try and its three retries
        try (SftpTestClient client = hub.mz()) {
            client.upload("/inbox/report.json", REPORT);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> hub.intake.named("report.json").size() == 5);
        var attempts = hub.intake.named("report.json");
        assertThat(attempts.subList(0, 4)).allSatisfy(a -> assertThat(a.bodyType()).contains("failed hand-over"));
        assertThat(attempts).extracting(a -> a.header(EnvelopeHeaders.TRANSPORT_ID)).containsOnly(
                attempts.get(0).header(EnvelopeHeaders.TRANSPORT_ID));
        assertThat(new String(attempts.get(4).body(), StandardCharsets.UTF_8)).isEqualTo(REPORT);
        await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(hub.home("mz").resolve("archive/report.json")));
        assertThat(hub.home("mz").resolve("archive/report-2.json")).doesNotExist();
    }

    @Test
    void filesLeftInTheInboxByACrashAreTakenExactlyOnceAfterRestart() throws Exception {
        hub = TestHub.start(dataDir);
        int port = hub.port;
        hub.close();
        // While the hub is down, its inbox holds finished uploads (as after kill -9 before the move).
        Path inbox = dataDir.resolve("sftp/mz/inbox");
        for (int i = 1; i <= 5; i++) {
            Files.writeString(inbox.resolve("left-" + i + ".json"), "{\"n\":" + i + "}");
        }
        hub = TestHub.startOnPort(dataDir, port);
        await().atMost(Duration.ofSeconds(10)).until(() -> hub.intake.all().size() == 5
                && Files.list(inbox).findAny().isEmpty());
        // One more upload: its envelope proves the inbox was scanned again after the five were archived.
        try (SftpTestClient client = hub.mz()) {
            client.upload("/inbox/after.json", REPORT);
        }
        awaitEnvelope("after.json");
        for (int i = 1; i <= 5; i++) {
            assertThat(hub.intake.named("left-" + i + ".json")).hasSize(1);
        }
        assertThat(hub.intake.all()).hasSize(6);
    }

    @Test
    void fiftyMebibyteUploadIsStreamedThroughWithARaisedLimit() throws Exception {
        Properties large = new Properties();
        large.setProperty("hub.sftp.max-file-size", Long.toString(64L * 1024 * 1024));
        hub = TestHub.start(dataDir, large);
        long size = 50L * 1024 * 1024;
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] block = new byte[256 * 1024];
        try (SftpTestClient client = hub.mz();
                OutputStream out = client.sftp.write("/inbox/large.xml")) {
            for (long written = 0; written < size; written += block.length) {
                java.util.Arrays.fill(block, (byte) ('a' + (written / block.length) % 26));
                out.write(block);
                sha.update(block);
            }
        }
        CapturedEnvelopes.Envelope envelope = awaitEnvelope("large.xml");
        assertThat(envelope.size()).isEqualTo(size);
        assertThat(envelope.sha256()).isEqualTo(HexFormat.of().formatHex(sha.digest()));
        assertThat(envelope.bodyType()).doesNotContain("[B");
        assertThat(envelope.headers()).doesNotContainKey(EnvelopeHeaders.ADAPTER_ERROR);
    }
}

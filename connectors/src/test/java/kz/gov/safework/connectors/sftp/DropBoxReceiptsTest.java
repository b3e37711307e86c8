package kz.gov.safework.connectors.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import kz.gov.safework.contract.envelope.EnvelopeHeaders;
import kz.gov.safework.contract.signature.HubSigner;

import org.apache.camel.CamelExecutionException;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Receipts from the pipeline land in the agency's {@code receipts/} folder, and only there. */
class DropBoxReceiptsTest extends TestHubPerTest {
    private static final String RECEIPT = "{\"submissionId\":\"S-1\",\"status\":\"ACCEPTED\"}";

    @BeforeEach
    void start() throws Exception {
        hub = TestHub.start(dataDir);
    }

    private static Map<String, Object> receiptHeaders(String login, String fileName) {
        Map<String, Object> headers = new HashMap<>();
        headers.put(EnvelopeHeaders.CHANNEL, "sftp");
        headers.put(EnvelopeHeaders.LOGIN, login);
        headers.put(EnvelopeHeaders.AGENCY, login.toUpperCase());
        headers.put(EnvelopeHeaders.FILE_NAME, fileName);
        headers.put(EnvelopeHeaders.REPLY_TO, "/receipts");
        headers.put(EnvelopeHeaders.SUBMISSION_ID, "S-1");
        headers.put(EnvelopeHeaders.STATUS, "ACCEPTED");
        return headers;
    }

    @Test
    void receiptIsWrittenAsFileNameDotReceiptJsonAndReadableOverSftp() throws Exception {
        hub.sendReceipt("direct:receipts-sftp", receiptHeaders("mz", "Отчёт за 2024.json"), RECEIPT);

        assertThat(hub.home("mz").resolve("receipts/Отчёт за 2024.json.receipt.json")).hasContent(RECEIPT);
        try (SftpTestClient client = hub.mz()) {
            assertThat(new String(client.download("/receipts/Отчёт за 2024.json.receipt.json"), StandardCharsets.UTF_8))
                    .isEqualTo(RECEIPT);
        }
    }

    @Test
    void theHubsSignatureIsWrittenBesideEachReceiptFileAndTheReceiptKeepsItsUtf8Bytes() throws Exception {
        String receipt = "{\"submissionId\":\"S-1\",\"agency\":\"МЗ\"}";
        Map<String, Object> headers = receiptHeaders("mz", "report.json");
        headers.put(HubSigner.RECEIPT_SIGNATURE, "eyJhbGciOiJSUzI1NiJ9..c2lnbmF0dXJl");
        hub.sendReceipt("direct:receipts-sftp", headers, receipt);

        Path receipts = hub.home("mz").resolve("receipts");
        for (String name : new String[] {"report.json.receipt.json", "report.json.S-1.receipt.json"}) {
            assertThat(Files.readAllBytes(receipts.resolve(name))).isEqualTo(receipt.getBytes(StandardCharsets.UTF_8));
            assertThat(receipts.resolve(name + ".sig")).hasContent("eyJhbGciOiJSUzI1NiJ9..c2lnbmF0dXJl");
        }
        try (SftpTestClient client = hub.mz()) {
            assertThat(new String(client.download("/receipts/report.json.receipt.json.sig"), StandardCharsets.US_ASCII))
                    .isEqualTo("eyJhbGciOiJSUzI1NiJ9..c2lnbmF0dXJl");
        }
    }

    @Test
    void aReceiptWithoutSignatureGetsNoSignatureFile() {
        hub.sendReceipt("direct:receipts-sftp", receiptHeaders("mz", "report.json"), RECEIPT);
        assertThat(hub.home("mz").resolve("receipts/report.json.receipt.json")).hasContent(RECEIPT);
        assertThat(hub.home("mz").resolve("receipts/report.json.receipt.json.sig")).doesNotExist();
    }

    @Test
    void laterReceiptForTheSameFileNameIsTheLatestAndEveryReceiptIsKeptUnderItsSubmissionId() {
        hub.sendReceipt("direct:receipts-sftp", receiptHeaders("mz", "report.json"), RECEIPT);
        String duplicate = "{\"submissionId\":\"S-2\",\"status\":\"DUPLICATE\"}";
        Map<String, Object> second = receiptHeaders("mz", "report.json");
        second.put(EnvelopeHeaders.SUBMISSION_ID, "S-2");
        hub.sendReceipt("direct:receipts-sftp", second, duplicate);
        assertThat(hub.home("mz").resolve("receipts/report.json.receipt.json")).hasContent(duplicate);
        assertThat(hub.home("mz").resolve("receipts/report.json.S-1.receipt.json")).hasContent(RECEIPT);
        assertThat(hub.home("mz").resolve("receipts/report.json.S-2.receipt.json")).hasContent(duplicate);
    }

    @Test
    void fileNameWithPathIsReducedToItsLastElement() throws Exception {
        hub.sendReceipt("direct:receipts-sftp", receiptHeaders("mz", "../../akimat-astana/receipts/x.json"), RECEIPT);
        assertThat(hub.home("mz").resolve("receipts/x.json.receipt.json")).hasContent(RECEIPT);
        assertThat(hub.home("akimat-astana").resolve("receipts/x.json.receipt.json")).doesNotExist();
        try (var files = Files.walk(dataDir)) {
            assertThat(files.filter(p -> p.getFileName().toString().endsWith(".receipt.json")))
                    .containsExactlyInAnyOrder(hub.home("mz").resolve("receipts/x.json.receipt.json"),
                            hub.home("mz").resolve("receipts/x.json.S-1.receipt.json"));
        }
    }

    @Test
    void replyToNamingAnotherFolderIsIgnored() {
        Map<String, Object> headers = receiptHeaders("mz", "report.json");
        headers.put(EnvelopeHeaders.REPLY_TO, "/../akimat-astana/receipts");
        hub.sendReceipt("direct:receipts-sftp", headers, RECEIPT);
        assertThat(hub.home("mz").resolve("receipts/report.json.receipt.json")).hasContent(RECEIPT);
        assertThat(hub.home("akimat-astana").resolve("receipts")).isEmptyDirectory();
    }

    @Test
    void loginWithPathElementsIsRefused() {
        assertThatThrownBy(() -> hub.sendReceipt("direct:receipts-sftp", receiptHeaders("../mz", "r.json"), RECEIPT))
                .isInstanceOf(CamelExecutionException.class);
        assertThat(dataDir.resolve("sftp/r.json.receipt.json")).doesNotExist();
    }

    @Test
    void loginWithoutDropBoxIsRefused() {
        assertThatThrownBy(() -> hub.sendReceipt("direct:receipts-sftp", receiptHeaders("operator", "r.json"), RECEIPT))
                .isInstanceOf(CamelExecutionException.class);
        assertThat(dataDir.resolve("sftp/operator")).doesNotExist();
    }

    /** The "done when": {@code curl -T report.json sftp://login:password@127.0.0.1:port/inbox/}. */
    @Test
    void curlUploadBecomesAnEnvelopeAndItsReceiptAppears() throws Exception {
        Path report = dataDir.resolve("report.json");
        Files.writeString(report, "{\"reportId\":\"R-curl\"}");
        String hostKeySha256;
        try (SftpTestClient client = hub.mz()) {
            hostKeySha256 = KeyUtils.getFingerPrint(BuiltinDigests.sha256, client.hostKey).substring("SHA256:".length());
        }
        Process curl = new ProcessBuilder("curl", "-sS", "--hostpubsha256", hostKeySha256 + "=",
                "-T", report.toString(), "sftp://mz:" + TestHub.MZ_PASSWORD + "@127.0.0.1:" + hub.port + "/inbox/")
                .redirectErrorStream(true).start();
        assertThat(curl.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String output = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(curl.exitValue()).as(output).isZero();

        await().atMost(Duration.ofSeconds(10)).until(() -> !hub.intake.named("report.json").isEmpty());
        CapturedEnvelopes.Envelope envelope = hub.intake.named("report.json").get(0);
        assertThat(new String(envelope.body(), StandardCharsets.UTF_8)).isEqualTo("{\"reportId\":\"R-curl\"}");

        // What the pipeline does with the envelope's headers: send the receipt back to the channel.
        hub.sendReceipt("direct:receipts-sftp", envelope.receiptHeaders("S-curl", "ACCEPTED"), RECEIPT);
        assertThat(hub.home("mz").resolve("receipts/report.json.receipt.json")).hasContent(RECEIPT);
    }
}

package kz.gov.safework.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mail identity and the reply outbox of the packaged hub, with its embedded mail server: two different mails
 * reusing one Message-ID are two mails (two judgements, two replies); a reply written to the outbox and not yet
 * sent when the hub is killed (kill -9) is sent exactly once after the restart.
 */
class MailReplyOutboxIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MZ = "mz@agency.hub.local";

    @TempDir
    Path data;

    @Test
    void twoDifferentMailsWithOneMessageIdAreJudgedAndAnsweredEachOnTheirOwn() throws Exception {
        try (HubProcess hub = new HubProcess(data, Map.of("hub.mail.imap.poll-delay", "500")).start()) {
            String id = "<reused-" + Reports.newId() + "@agency.hub.local>";
            send(hub, report(id, "03-mz-2022.xml", example()));
            send(hub, report(id, "mz-2023.json", Reports.json(Reports.newId(), "MZ", 2023, "14", null)
                    .getBytes(StandardCharsets.UTF_8)));

            List<MimeMessage> replies = await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> repliesTo(hub, id), found -> found.size() == 2);
            List<String> submissions = new ArrayList<>();
            List<String> attachments = new ArrayList<>();
            for (MimeMessage reply : replies) {
                Map<String, String> attached = MailClient.attachmentsOf(reply);
                assertThat(attached).hasSize(1);
                attachments.addAll(attached.keySet());
                JsonNode receipt = JSON.readTree(attached.values().iterator().next());
                assertThat(receipt.path("status").asText()).isNotEqualTo("DUPLICATE");
                submissions.add(receipt.path("submissionId").asText());
            }
            assertThat(attachments).containsExactlyInAnyOrder("03-mz-2022.xml.receipt.json", "mz-2023.json.receipt.json");
            assertThat(submissions).doesNotHaveDuplicates().allMatch(s -> !s.isEmpty());
            assertThat(replies).extracting(MimeMessage::getMessageID).doesNotHaveDuplicates();
        }
    }

    @Test
    void aReplyInTheOutboxWhenTheHubIsKilledIsSentExactlyOnceAfterTheRestart() throws Exception {
        String id = "<killed-" + Reports.newId() + "@agency.hub.local>";
        // The relay's first round is an hour away: the reply waits in the outbox when the hub is killed.
        HubProcess first = new HubProcess(data, Map.of("hub.mail.imap.poll-delay", "500",
                "hub.mail.outbox.period", "3600000")).start();
        try {
            send(first, report(id, "03-mz-2022.xml", example()));
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                    .until(() -> first.log().contains("Mail " + id + ": every receipt in, reply written to the mail outbox"));
            assertThat(repliesTo(first, id)).isEmpty();
        } finally {
            first.kill();
        }

        try (HubProcess again = new HubProcess(data, Map.of("hub.mail.imap.poll-delay", "500")).start()) {
            List<MimeMessage> replies = await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> repliesTo(again, id), found -> found.size() == 1);
            assertThat(MailClient.attachmentsOf(replies.get(0))).containsOnlyKeys("03-mz-2022.xml.receipt.json");
            // later rounds of the relay find it sent: still one reply
            await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> repliesTo(again, id).size() == 1);
        }
    }

    private static byte[] example() throws Exception {
        return Files.readAllBytes(Path.of(System.getProperty("hub.config-dir")).getParent()
                .resolve("schemas/examples/valid/03-mz-2022.xml"));
    }

    private static MimeMessage report(String messageId, String fileName, byte[] document) throws Exception {
        return MailClient.report(MZ, messageId, "Отчёт " + fileName, MailClient.attachment(fileName, document));
    }

    /** Submits over the embedded SMTP port, logged in as the agency. */
    private static void send(HubProcess hub, MimeMessage mail) throws Exception {
        MailClient.send(hub, mail, "mz");
    }

    /** The hub's replies to a Message-ID in MZ's mailbox. */
    private static List<MimeMessage> repliesTo(HubProcess hub, String inReplyTo) throws Exception {
        return MailClient.repliesTo(hub, "mz", inReplyTo);
    }
}

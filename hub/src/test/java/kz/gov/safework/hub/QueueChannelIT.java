package kz.gov.safework.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import kz.gov.safework.contract.Sha256;
import kz.gov.safework.testing.NothingMoreArrives;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The queue channel of the packaged hub, driven over AMQP by an outside client: a valid report gets an
 * ACCEPTED receipt and one feed message; every kind of bad input gets a REJECTED receipt with its code,
 * and the hub keeps running.
 */
@ExtendWith(SharedHub.class)
class QueueChannelIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long WAIT = 20_000;
    private static final String RECEIPTS = "receipts.AKIMAT-ASTANA";

    @SharedHub.Hub
    static HubProcess hub;
    static AgencyClient astana;
    static AgencyClient mtszn;

    @BeforeAll
    static void connect() throws Exception {
        astana = new AgencyClient(hub.brokerPort, "akimat-astana", password("akimat-astana"));
        mtszn = new AgencyClient(hub.brokerPort, "mtszn", password("mtszn"));
    }

    @AfterAll
    static void disconnect() throws Exception {
        HubProcess.closeAll(astana, mtszn);
    }

    static String password(String login) throws Exception {
        var props = new java.util.Properties();
        try (var in = Files.newBufferedReader(Path.of(System.getProperty("hub.config-dir"), "demo-credentials.properties"))) {
            props.load(in);
        }
        return props.getProperty(login);
    }

    private static JsonNode receiptFor(String messageId) throws Exception {
        return Receipts.receipt(astana, RECEIPTS, messageId, WAIT);
    }

    private static List<String> codes(JsonNode receipt) {
        List<String> codes = new ArrayList<>();
        receipt.path("errors").forEach(e -> codes.add(e.path("code").asText()));
        return codes;
    }

    private static JsonNode rejectedText(String body) throws Exception {
        JsonNode receipt = receiptFor(astana.sendText(body, Map.of()));
        assertThat(receipt.path("status").asText()).isEqualTo("REJECTED");
        return receipt;
    }

    private static JsonNode rejectedBytes(byte[] body) throws Exception {
        JsonNode receipt = receiptFor(astana.sendBytes(body, Map.of()));
        assertThat(receipt.path("status").asText()).isEqualTo("REJECTED");
        return receipt;
    }

    @Test
    void acceptsAValidReportWithAReceiptAndOneFeedMessage() throws Exception {
        String reportId = Reports.newId();
        String doc = Reports.akimatAstana(reportId);
        JsonNode receipt = receiptFor(astana.sendText(doc, Map.of()));

        assertThat(receipt.path("status").asText()).isEqualTo("ACCEPTED");
        assertThat(receipt.path("reportId").asText()).isEqualTo(reportId);
        assertThat(receipt.path("agency").asText()).isEqualTo("AKIMAT-ASTANA");
        assertThat(receipt.path("period").asText()).isEqualTo("2023");
        assertThat(receipt.path("channel").asText()).isEqualTo("jms");
        assertThat(receipt.path("sha256").asText()).isEqualTo(Sha256.hex(doc.getBytes(StandardCharsets.UTF_8)));
        String submissionId = receipt.path("submissionId").asText();

        Message feed = mtszn.receive("mtszn.feed", "swSubmissionId = '" + submissionId + "'", WAIT);
        assertThat(feed).isNotNull();
        JsonNode feedJson = JSON.readTree(AgencyClient.text(feed));
        assertThat(feedJson.path("report").path("reportId").asText()).isEqualTo(reportId);
        assertThat(feedJson.path("report").path("items").get(0).path("item").asText()).isEqualTo("14");

        HttpResponse<String> api = get("/api/submissions/" + submissionId, "akimat-astana");
        assertThat(api.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(api.body()).path("status").asText()).isEqualTo("ACCEPTED");
    }

    @Test
    void answersTheSameBytesAgainWithDuplicateAndPublishesNothingTwice() throws Exception {
        String doc = Reports.akimatAstana(Reports.newId());
        JsonNode first = receiptFor(astana.sendText(doc, Map.of()));
        JsonNode second = receiptFor(astana.sendText(doc, Map.of()));

        assertThat(first.path("status").asText()).isEqualTo("ACCEPTED");
        assertThat(second.path("status").asText()).isEqualTo("DUPLICATE");
        assertThat(second.path("duplicateOf").asText()).isEqualTo(first.path("submissionId").asText());
        NothingMoreArrives.assertNothingArrivesWithinRedeliveryWindow("feed message for the duplicate",
                timeout -> mtszn.receive("mtszn.feed", "swSubmissionId = '" + second.path("submissionId").asText() + "'",
                        timeout));
    }

    @Test
    void sendsTheReceiptToAReplyToBelowTheAgencysOwnAddress() throws Exception {
        var session = astana.session();
        var message = session.createTextMessage(Reports.akimatAstana(Reports.newId()));
        message.setJMSReplyTo(session.createQueue(RECEIPTS + ".system-a"));
        String id = astana.send(message, Map.of());
        Message receipt = astana.receive(RECEIPTS + ".system-a", "JMSCorrelationID = '" + id + "'", WAIT);
        assertThat(receipt).isNotNull();
        assertThat(JSON.readTree(AgencyClient.text(receipt)).path("status").asText()).isEqualTo("ACCEPTED");
    }

    @Test
    void ignoresAReplyToOfAnotherAgencyAndAnswersOnItsOwnQueue() throws Exception {
        var session = astana.session();
        var message = session.createTextMessage(Reports.akimatAstana(Reports.newId()));
        message.setJMSReplyTo(session.createQueue("receipts.MZ"));
        String id = astana.send(message, Map.of());
        assertThat(receiptFor(id).path("status").asText()).isEqualTo("ACCEPTED");
    }

    @Test
    void rejectsMalformedXml() throws Exception {
        assertThat(codes(rejectedText(
                "<progressReport xmlns=\"urn:kz:gov:safework:progress-report:v1\"><agency>AKIMAT-ASTANA</agency>")))
                .contains("MALFORMED_XML");
    }

    @Test
    void rejectsMalformedJson() throws Exception {
        assertThat(codes(rejectedText("{\"schema\": \"urn:kz:gov:safework:progress-report:v1\", \"agency\": "))).contains("MALFORMED_JSON");
    }

    @Test
    void rejectsXxeReadingALocalFile(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-VALUE");
        String doc = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file://" + secret + "\">]><r>&x;</r>";
        JsonNode receipt = rejectedText(doc);
        assertThat(codes(receipt)).contains("DOCTYPE_FORBIDDEN");
        assertThat(receipt.toString()).doesNotContain("TOP-SECRET-VALUE");
    }

    @Test
    void rejectsXxeOverHttpWithoutConnecting() throws Exception {
        try (var server = new java.net.ServerSocket(0)) {
            server.setSoTimeout(1);
            String doc = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"http://127.0.0.1:" + server.getLocalPort()
                    + "/x\">]><r>&x;</r>";
            assertThat(codes(rejectedText(doc))).contains("DOCTYPE_FORBIDDEN");
            assertThat(acceptsWithin(server)).as("the hub must not have connected").isFalse();
        }
    }

    private static boolean acceptsWithin(java.net.ServerSocket server) {
        try (var ignored = server.accept()) {
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Test
    void rejectsBillionLaughs() throws Exception {
        String doc = """
                <?xml version="1.0"?>
                <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
                <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
                <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
                <lolz>&lol4;</lolz>""";
        assertThat(codes(rejectedText(doc))).contains("DOCTYPE_FORBIDDEN");
    }

    @Test
    void rejectsJsonNestedOneHundredThousandDeep() throws Exception {
        String doc = "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000);
        assertThat(codes(rejectedText(doc))).contains("JSON_LIMIT_EXCEEDED");
    }

    @Test
    void rejectsADocumentOverTheSizeLimit() throws Exception {
        byte[] doc = new byte[10 * 1024 * 1024 + 1];
        java.util.Arrays.fill(doc, (byte) ' ');
        doc[0] = '{';
        assertThat(codes(rejectedBytes(doc))).contains("DOCUMENT_TOO_LARGE");
    }

    @Test
    void rejectsBytesThatContradictTheDeclaredEncoding() throws Exception {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><progressReport>Отчёт</progressReport>";
        assertThat(codes(rejectedBytes(xml.getBytes(Charset.forName("windows-1251"))))).contains("ENCODING_INVALID");
    }

    @Test
    void rejectsNonUtf8BytesWithoutAnEncodingDeclaration() throws Exception {
        String xml = "<progressReport>Отчёт</progressReport>";
        assertThat(codes(rejectedBytes(xml.getBytes(Charset.forName("KOI8-R"))))).contains("ENCODING_INVALID");
    }

    @Test
    void rejectsAnEmptyBody() throws Exception {
        assertThat(codes(rejectedText(""))).contains("EMPTY_DOCUMENT");
    }

    @Test
    void rejectsBinaryJunk() throws Exception {
        byte[] junk = new byte[4096];
        new java.util.Random(7).nextBytes(junk);
        junk[0] = 0x01;
        assertThat(codes(rejectedBytes(junk))).contains("UNSUPPORTED_FORMAT");
    }

    @Test
    void refusesAnObjectMessageWithoutDeserializingIt() throws Exception {
        var message = astana.session().createObjectMessage(new java.util.ArrayList<>(List.of("x")));
        JsonNode receipt = receiptFor(astana.send(message, Map.of()));
        assertThat(receipt.path("status").asText()).isEqualTo("REJECTED");
        assertThat(codes(receipt)).contains("UNSUPPORTED_MESSAGE_TYPE");
    }

    /** Agency, item and year are checked against the reference data: each refusal has its code. */
    @ParameterizedTest(name = "{3}: {0}, {1}, item {2}")
    @CsvSource({
            "AKIMAT-ATLANTIS, 2023, 14, UNKNOWN_AGENCY",
            "AKIMAT-ALMATY,   2023, 14, AGENCY_MISMATCH",
            "AKIMAT-ASTANA,   2023, 1,  ITEM_NOT_ASSIGNED",
            "AKIMAT-ASTANA,   2019, 14, YEAR_OUT_OF_RANGE"})
    void rejectsWhatTheReferenceDataDoesNotAllow(String agency, int year, String item, String code) throws Exception {
        String doc = Reports.json(Reports.newId(), agency, year, item, null);
        assertThat(codes(rejectedText(doc))).contains(code);
    }

    @Test
    void rejectsAnUnknownItem() throws Exception {
        String doc = Reports.json(Reports.newId(), "AKIMAT-ASTANA", 2023, "99", null);
        JsonNode receipt = rejectedText(doc);
        assertThat(codes(receipt)).contains("UNKNOWN_ITEM");
        // Each error in Russian (message), English and Kazakh.
        JsonNode error = receipt.path("errors").get(codes(receipt).indexOf("UNKNOWN_ITEM"));
        assertThat(error.path("message").asText()).startsWith(kz.gov.safework.contract.validation.ErrorCode.UNKNOWN_ITEM.messageRu());
        assertThat(error.path("messageEn").asText()).startsWith(kz.gov.safework.contract.validation.ErrorCode.UNKNOWN_ITEM.messageEn());
        assertThat(error.path("messageKk").asText()).startsWith(kz.gov.safework.contract.validation.ErrorCode.UNKNOWN_ITEM.messageKk());
    }

    @Test
    void camelHeadersSetByTheSenderChangeNothing() throws Exception {
        String reportId = Reports.newId();
        JsonNode receipt = receiptFor(astana.sendText(Reports.akimatAstana(reportId), Map.of(
                "CamelFileName", "../../../etc/passwd",
                "cAmElHttpUri", "http://127.0.0.1:1/steal",
                "CamelJmsDestinationName", "government.outbox",
                "swAgency", "MZ",
                "swBrokerUser", "mz")));
        assertThat(receipt.path("status").asText()).isEqualTo("ACCEPTED");
        assertThat(receipt.path("agency").asText()).isEqualTo("AKIMAT-ASTANA");
        assertThat(receipt.has("fileName")).isFalse();
        Message feed = mtszn.receive("mtszn.feed", "swSubmissionId = '" + receipt.path("submissionId").asText() + "'", WAIT);
        assertThat(feed).isNotNull();
    }

    @Test
    void anAgencyCannotReadAnotherAgencysQueueOrTheFeed() throws Exception {
        try (AgencyClient mz = new AgencyClient(hub.brokerPort, "mz", password("mz"))) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> mz.receive(RECEIPTS, null, 100))
                    .isInstanceOf(JMSException.class);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> mz.receive("mtszn.feed", null, 100))
                    .isInstanceOf(JMSException.class);
        }
    }

    @Test
    void reportsHealthAndMetricsWithoutCredentials() throws Exception {
        HttpResponse<String> health = get("/observe/health", null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("broker").contains("database");
        receiptFor(astana.sendText("", Map.of()));
        HttpResponse<String> metrics = get("/observe/metrics", null);
        assertThat(metrics.body()).contains("hub_submissions_total").contains("hub_validation_errors_total");
    }

    @Test
    void refusesTheReceiptApiWithoutCredentialsAndToOtherAgencies() throws Exception {
        JsonNode receipt = receiptFor(astana.sendText("{}", Map.of()));
        String path = "/api/submissions/" + receipt.path("submissionId").asText();
        assertThat(get(path, null).statusCode()).isEqualTo(401);
        assertThat(get(path, "mz").statusCode()).isEqualTo(404);
        assertThat(get(path, "operator").statusCode()).isEqualTo(200);
    }

    @Test
    void findsADocumentByItsSha256AndServesItsOriginalToStaffAndItsAgencyOnly() throws Exception {
        String doc = Reports.akimatAstana(Reports.newId());
        String id = receiptFor(astana.sendText(doc, Map.of())).path("submissionId").asText();

        JsonNode byId = JSON.readTree(get("/api/submissions?q=" + id, "operator").body());
        assertThat(byId.path("total").asLong()).isEqualTo(1);
        String sha = byId.path("submissions").get(0).path("sha256").asText();
        assertThat(sha).isEqualTo(Sha256.hex(doc));
        JsonNode bySha = JSON.readTree(get("/api/submissions?q=" + sha, "mtszn").body());
        assertThat(bySha.path("submissions").findValuesAsText("submissionId")).containsExactly(id);

        HttpResponse<String> original = get("/api/submissions/" + id + "/document", "operator");
        assertThat(original.statusCode()).isEqualTo(200);
        assertThat(original.body()).isEqualTo(doc);
        assertThat(get("/api/submissions/" + id + "/document", "akimat-astana").statusCode()).isEqualTo(200);
        assertThat(get("/api/submissions/" + id + "/document", "mz").statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(get("/api/submissions?q=" + id, "mz").body()).path("total").asLong()).isZero();
        assertThat(get("/api/submissions?year=later", "operator").statusCode()).isEqualTo(400);
        JsonNode actions = JSON.readTree(get("/api/operator/actions", "operator").body());
        assertThat(actions.findValuesAsText("target").stream().filter(id::equals)).hasSize(2);
    }

    @Test
    void mtsznReadsItsCampaignByTheHubsClock() throws Exception {
        JsonNode me = JSON.readTree(get("/api/me", "mtszn").body());
        assertThat(me.path("roles").toString()).contains("MTSZN");
        JsonNode plan = me.path("plans").get(0);
        HttpResponse<String> progress = get("/api/plans/" + plan.path("id").asText() + "/years/"
                + plan.path("campaignYear").asInt() + "/progress", "mtszn");
        assertThat(progress.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(progress.body());
        assertThat(body.path("overall").path("owed").asInt()).isPositive();
        assertThat(body.path("dueDate").asText()).endsWith("-01-10");
        assertThat(body.has("daysLeft")).isTrue();
        assertThat(get("/api/plans/" + plan.path("id").asText() + "/years/" + plan.path("campaignYear").asInt()
                + "/progress", "mz").statusCode()).isEqualTo(403);
    }

    static Path examples(String kind) {
        return Path.of(System.getProperty("hub.config-dir")).resolve("../schemas/examples").resolve(kind).normalize();
    }

    static Stream<Path> invalidExamples() throws Exception {
        try (Stream<Path> files = Files.list(examples("invalid"))) {
            return files.filter(f -> f.getFileName().toString().contains("--")).sorted().toList().stream();
        }
    }

    /** Every invalid example of the contract, sent as bytes by the Astana akimat, gets the code its name gives. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidExamples")
    void rejectsEveryInvalidExampleWithItsCode(Path example) throws Exception {
        String expected = example.getFileName().toString().split("--")[0];
        JsonNode receipt = rejectedBytes(Files.readAllBytes(example));
        assertThat(codes(receipt)).contains(expected);
    }

    /** The valid examples in their order, each sent by the agency it names: accepted, the XML twin of 01 is not. */
    @Test
    void acceptsTheValidExamplesSentByTheirAgencies() throws Exception {
        List<String> statuses = new ArrayList<>();
        try (Stream<Path> files = Files.list(examples("valid"))) {
            for (Path example : files.sorted().toList()) {
                byte[] doc = Files.readAllBytes(example);
                String agency = new String(doc, StandardCharsets.ISO_8859_1)
                        .replaceAll("(?s).*?\"?agency\"?\\s*[:>]\\s*\"?([A-Z][A-Z0-9-]+).*", "$1");
                String login = agency.toLowerCase(java.util.Locale.ROOT);
                try (AgencyClient client = new AgencyClient(hub.brokerPort, login, password(login))) {
                    String id = client.sendBytes(doc, Map.of());
                    Message m = client.receive("receipts." + agency, "JMSCorrelationID = '" + id + "'", WAIT);
                    assertThat(m).as("receipt for " + example).isNotNull();
                    JsonNode receipt = JSON.readTree(AgencyClient.text(m));
                    statuses.add(example.getFileName() + " " + receipt.path("status").asText() + " " + codes(receipt));
                }
            }
        }
        assertThat(statuses).containsExactly(
                "01-akimat-astana-2022.json ACCEPTED []",
                "02-akimat-astana-2022-twin.xml REJECTED [REPORT_ID_REUSED]",
                "03-mz-2022.xml ACCEPTED []",
                "04-mtszn-2022.json ACCEPTED []",
                "05-mtszn-2022-correction.xml ACCEPTED []",
                "06-akimat-astana-2023-windows-1251.xml ACCEPTED []");
    }

    @Test
    void anOperatorSendsAReceiptAndAFeedMessageOnceMorePerRequestAndTheTrailShowsIt() throws Exception {
        String messageId = astana.sendText(Reports.akimatAstana(Reports.newId()), Map.of());
        JsonNode receipt = receiptFor(messageId);
        String id = receipt.path("submissionId").asText();
        assertThat(mtszn.receive("mtszn.feed", "swSubmissionId = '" + id + "'", WAIT)).isNotNull();

        assertThat(post("/api/submissions/" + id + "/resend-receipt", "akimat-astana", "k-agency").statusCode())
                .isEqualTo(403);
        assertThat(post("/api/submissions/" + id + "/resend-receipt", "operator", "k-1").statusCode()).isEqualTo(200);
        Message again = astana.receive(RECEIPTS, "JMSCorrelationID = '" + messageId + "'", WAIT);
        assertThat(again).as("the receipt sent once more, to where the first went").isNotNull();
        assertThat(JSON.readTree(AgencyClient.text(again)).path("submissionId").asText()).isEqualTo(id);
        // The same request again is dropped by the broker; a new request goes out: exactly one more, not two.
        assertThat(JSON.readTree(post("/api/submissions/" + id + "/resend-receipt", "operator", "k-1").body())
                .path("repeatedRequest").asBoolean()).isTrue();
        assertThat(post("/api/submissions/" + id + "/resend-receipt", "operator", "k-2").statusCode()).isEqualTo(200);
        assertThat(astana.receive(RECEIPTS, "JMSCorrelationID = '" + messageId + "'", WAIT)).isNotNull();
        NothingMoreArrives.assertNothingArrivesWithinRedeliveryWindow("third receipt for two resend requests",
                timeout -> astana.receive(RECEIPTS, "JMSCorrelationID = '" + messageId + "'", timeout));

        assertThat(post("/api/submissions/" + id + "/republish", "operator", "f-1").statusCode()).isEqualTo(200);
        assertThat(mtszn.receive("mtszn.feed", "swSubmissionId = '" + id + "'", WAIT)).isNotNull();
        assertThat(post("/api/submissions/" + id + "/republish", "operator", "f-1").statusCode()).isEqualTo(200);
        NothingMoreArrives.assertNothingArrivesWithinRedeliveryWindow("feed message for a repeated republish",
                timeout -> mtszn.receive("mtszn.feed", "swSubmissionId = '" + id + "'", timeout));

        assertThat(get("/api/submissions/" + id + "/trail", "mz").statusCode()).isEqualTo(404);
        HttpResponse<String> trail = get("/api/submissions/" + id + "/trail", "akimat-astana");
        assertThat(trail.statusCode()).isEqualTo(200);
        List<String> steps = JSON.readTree(trail.body()).path("steps").findValuesAsText("step");
        assertThat(steps).containsSubsequence("RECEIVED", "LOGGED", "JUDGED", "STORED")
                .contains("FEED_PUBLISHED", "RECEIPT_SENT");
        assertThat(steps.stream().filter("RECEIPT_RESENT"::equals)).hasSize(2);
        assertThat(steps.stream().filter("FEED_REPUBLISHED"::equals)).hasSize(1);
    }

    static HttpResponse<String> post(String path, String login, String idempotencyKey) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(hub.url(path))).POST(HttpRequest.BodyPublishers.noBody())
                .header("Idempotency-Key", idempotencyKey).header("Authorization", basic(login));
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(String path, String login) throws Exception {
        return request(hub, path, login);
    }

    static HttpResponse<String> request(HubProcess process, String path, String login) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(process.url(path)));
        if (login != null) {
            request.header("Authorization", basic(login));
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A {@code method} request without a body to {@code process}, as {@code login} with its demo password. */
    static HttpRequest authorized(HubProcess process, String method, String path, String login) throws Exception {
        return HttpRequest.newBuilder(URI.create(process.url(path))).method(method, HttpRequest.BodyPublishers.noBody())
                .header("Authorization", basic(login)).build();
    }

    /** The answer to {@link #authorized}'s request, as text. */
    static HttpResponse<String> call(HubProcess process, String method, String path, String login) throws Exception {
        return HttpClient.newHttpClient().send(authorized(process, method, path, login), HttpResponse.BodyHandlers.ofString());
    }

    /** The HTTP Basic {@code Authorization} header of {@code login} with its demo password. */
    static String basic(String login) throws Exception {
        return "Basic " + Base64.getEncoder().encodeToString((login + ":" + password(login)).getBytes(StandardCharsets.UTF_8));
    }

    static int status(HubProcess process, String path) throws Exception {
        return request(process, path, null).statusCode();
    }
}

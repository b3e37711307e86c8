package kz.gov.safework.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import kz.gov.safework.contract.Sha256;
import kz.gov.safework.contract.schema.JsonSchemas;
import kz.gov.safework.testing.NothingMoreArrives;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The agency kit of the packaged hub: the contract's files served as they are in the repository, nothing else reachable
 * through their path; {@code POST /api/validate} answering the receipt a real sending gets, with nothing stored,
 * published, logged or counted; the OpenAPI document valid to an OpenAPI parser and naming every route the hub serves.
 */
@ExtendWith(SharedHub.class)
class AgencyKitIT {
    private static final Path ROOT = Path.of(System.getProperty("hub.config-dir")).toAbsolutePath().normalize().getParent();
    private static final Path SCHEMAS = ROOT.resolve("schemas/src/main/resources/schemas");
    private static final Path EXAMPLES = ROOT.resolve("schemas/examples");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A rest-DSL route's consumer as the operator API lists it: {@code rest://get:/api/submissions:/{submissionId}}. */
    private static final Pattern REST_FROM = Pattern.compile("rest://([a-z]+):([^:?]+)(?::([^?]*))?(\\?.*)?");

    /** Its own: a checked document must leave the store, the message log and the counters empty. */
    @SharedHub.Hub(own = true)
    static HubProcess hub;

    @Test
    void servesEverySchemaAndExampleByteForByteWithoutLogin() throws Exception {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> schemas = Files.walk(SCHEMAS); Stream<Path> examples = Files.walk(EXAMPLES)) {
            schemas.filter(Files::isRegularFile).forEach(files::add);
            examples.filter(Files::isRegularFile).forEach(files::add);
        }
        assertThat(files).hasSizeGreaterThan(50);
        for (Path file : files) {
            String path = file.startsWith(SCHEMAS) ? "/schemas/" + SCHEMAS.relativize(file)
                    : "/schemas/examples/" + EXAMPLES.relativize(file);
            HttpResponse<byte[]> response = get(path, null);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.body()).as(path).isEqualTo(Files.readAllBytes(file));
        }
        assertThat(get("/schemas/report/progress-report-v1.xsd", null).headers().firstValue("Content-Type"))
                .hasValue("application/xml");
        assertThat(get("/schemas/receipt/receipt-v1.schema.json", null).headers().firstValue("Content-Type"))
                .hasValue("application/schema+json");
    }

    @Test
    void aJsonSchemaIdIsWhereTheHubServesItAndTheFeedFindsTheReportThere() throws Exception {
        JsonNode feed = JSON.readTree(get("/schemas/feed/feed-v1.schema.json", null).body());
        URI id = URI.create(hub.url("/schemas/feed/feed-v1.schema.json")).resolve(feed.path("$id").asText());
        assertThat(id.toString()).isEqualTo(hub.url("/schemas/feed/feed-v1.schema.json"));
        String ref = feed.path("properties").path("report").path("$ref").asText();
        URI report = id.resolve(ref.substring(0, ref.indexOf('#')));
        HttpResponse<byte[]> referenced = hub.http().send(HttpRequest.newBuilder(report).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(referenced.statusCode()).as(report.toString()).isEqualTo(200);
        assertThat(JSON.readTree(referenced.body()).path("$id").asText())
                .isEqualTo("/schemas/report/progress-report-v1.schema.json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/schemas/../config/demo-credentials.properties",
            "/schemas/report/../../config/application.properties", "/schemas/..%2f..%2fconfig%2fdemo-credentials.properties",
            "/schemas/%2e%2e/%2e%2e/config/application.properties",
            "/schemas/report%2Fprogress-report-v1.xsd", "/schemas//etc/passwd", "/schemas/%2Fetc%2Fpasswd",
            "/schemas/report/progress-report-v1.xsd%00", "/schemas/", "/schemas/report/",
            "/schemas/kz/gov/safework/contract/schema/ContractFiles.class", "/schemas/examples/../../pom.xml",
            "/schemas/.%2e/.%2e/config/demo-credentials.properties", "/schemas/report/.progress-report-v1.xsd"})
    void refusesEveryOtherPathWith404(String path) throws Exception {
        HttpResponse<byte[]> response = get(path, null);

        assertThat(response.statusCode()).as(path).isEqualTo(404);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).as(path).doesNotContain("password", "hub.");
    }

    @Test
    void validateAnswersTheReceiptARealSendingGetsAndKeepsNothing() throws Exception {
        byte[] good = Files.readAllBytes(EXAMPLES.resolve("valid/06-akimat-astana-2023-windows-1251.xml"));
        byte[] bad = Files.readAllBytes(EXAMPLES.resolve("invalid/SCHEMA_VIOLATION--many-errors.json"));
        byte[] another = Files.readAllBytes(EXAMPLES.resolve("invalid/AGENCY_MISMATCH--names-ministry.json"));
        try (AgencyClient mtszn = new AgencyClient(hub.brokerPort, "mtszn", QueueChannelIT.password("mtszn"));
             AgencyClient akimat = new AgencyClient(hub.brokerPort, "akimat-astana",
                     QueueChannelIT.password("akimat-astana"))) {
            JsonNode accepted = validate(good, "application/xml", "akimat-astana");
            assertThat(JsonSchemas.validate(JsonSchemas.RECEIPT_V1, accepted)).as(accepted.toString()).isEmpty();
            assertThat(accepted.path("status").asText()).as(accepted.toString()).isEqualTo("ACCEPTED");
            assertThat(accepted.path("agency").asText()).isEqualTo("AKIMAT-ASTANA");
            assertThat(accepted.path("channel").asText()).isEqualTo("jms");
            assertThat(accepted.path("errors")).isEmpty();
            assertThat(accepted.path("sha256").asText()).as("the bytes as sent, windows-1251 and all")
                    .isEqualTo(Sha256.hex(good));

            JsonNode rejected = validate(bad, "application/json", "akimat-astana");
            assertThat(JsonSchemas.validate(JsonSchemas.RECEIPT_V1, rejected)).isEmpty();
            assertThat(rejected.path("status").asText()).isEqualTo("REJECTED");
            assertThat(codes(rejected)).as("every error, each with its code").hasSize(5)
                    .containsOnly("SCHEMA_VIOLATION");
            rejected.path("errors").forEach(error -> assertThat(error.path("path").asText()).isNotEmpty());
            JsonNode foreign = validate(another, "application/json", "akimat-astana");
            assertThat(codes(foreign)).contains("AGENCY_MISMATCH");

            assertThat(search("operator").path("total").asLong()).as("nothing stored").isZero();
            assertThat(hub.dataDir().resolve("messages")).as("nothing in the message log").satisfiesAnyOf(
                    dir -> assertThat(dir).doesNotExist(), dir -> assertThat(dir).isEmptyDirectory());
            assertThat(metric("hub_submissions_total")).as("nothing counted").isEmpty();
            NothingMoreArrives.assertNothingArrivesWithinRedeliveryWindow("feed message for a checked document",
                    timeout -> mtszn.receive("mtszn.feed", null, timeout));
            assertThat(akimat.receive("receipts.AKIMAT-ASTANA", null, 100)).as("no receipt sent").isNull();

            // The same documents really sent: the receipts name the same codes; then a check of the sent one is the
            // DUPLICATE a second sending would be, and still nothing more is stored.
            String sentId = akimat.sendBytes(good, Map.of());
            JsonNode sent = JSON.readTree(AgencyClient.text(akimat.receive("receipts.AKIMAT-ASTANA",
                    "JMSCorrelationID = '" + sentId + "'", 60_000)));
            assertThat(sent.path("status").asText()).isEqualTo("ACCEPTED");
            assertThat(sent.path("sha256").asText()).isEqualTo(accepted.path("sha256").asText());
            String foreignId = akimat.sendBytes(another, Map.of());
            JsonNode foreignSent = JSON.readTree(AgencyClient.text(akimat.receive("receipts.AKIMAT-ASTANA",
                    "JMSCorrelationID = '" + foreignId + "'", 60_000)));
            assertThat(codes(foreign)).isEqualTo(codes(foreignSent));
            assertThat(foreign.path("errors")).isEqualTo(foreignSent.path("errors"));

            JsonNode again = validate(good, "application/octet-stream", "akimat-astana");
            assertThat(again.path("status").asText()).isEqualTo("DUPLICATE");
            assertThat(again.path("duplicateOf").asText()).isEqualTo(sent.path("submissionId").asText());
            assertThat(search("operator").path("total").asLong()).as("the two sent, not the checks").isEqualTo(2);
        }
    }

    @Test
    void validateNeedsAnAgencyLogin() throws Exception {
        byte[] good = Files.readAllBytes(EXAMPLES.resolve("valid/03-mz-2022.xml"));
        HttpResponse<String> anonymous = post("/api/validate", good, "application/xml", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"safework-hub\", charset=\"UTF-8\"");
        assertThat(JSON.readTree(anonymous.body()).path("code").asText()).isEqualTo("unauthenticated");

        HttpResponse<String> operator = post("/api/validate", good, "application/xml", "operator");
        assertThat(operator.statusCode()).as(operator.body()).isEqualTo(403);

        HttpResponse<String> mz = post("/api/validate", good, "application/xml", "mz");
        assertThat(mz.statusCode()).as(mz.body()).isEqualTo(200);
        assertThat(JSON.readTree(mz.body()).path("status").asText()).isEqualTo("ACCEPTED");
    }

    @Test
    void theOpenApiDocumentParsesAndDescribesEveryRouteTheHubServes() throws Exception {
        HttpResponse<byte[]> served = get("/api/openapi.json", null);
        assertThat(served.statusCode()).isEqualTo(200);
        String document = new String(served.body(), StandardCharsets.UTF_8);
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(document, null, options);
        assertThat(parsed.getMessages()).as("the parser's complaints").isEmpty();
        OpenAPI api = parsed.getOpenAPI();
        assertThat(api.getComponents().getSecuritySchemes()).containsKey("basic");
        assertThat(api.getComponents().getSecuritySchemes().get("basic").getScheme()).isEqualTo("basic");

        List<String> operations = new ArrayList<>();
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            String name = method + " " + path;
            operations.add(name);
            ApiResponse success = operation.getResponses().entrySet().stream().filter(r -> r.getKey().startsWith("2"))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
            assertThat(success).as(name + " success").isNotNull();
            assertThat(success.getContent()).as(name + " success content").isNotEmpty();
            success.getContent().forEach((type, media) ->
                    assertThat(media.getSchema()).as(name + " " + type + " schema").isNotNull());
            if (path.startsWith("/api/")) {
                assertThat(operation.getSecurity()).as(name + " security").isNotEmpty();
                assertThat(operation.getSecurity().get(0)).as(name).containsKey("basic");
                MediaType problem = operation.getResponses().get("401").getContent().get("application/problem+json");
                assertThat(problem.getSchema().get$ref()).as(name).isEqualTo("#/components/schemas/Problem");
            } else {
                assertThat(operation.getSecurity()).as(name + " needs no login").isEmpty();
            }
        }));

        Operation validate = api.getPaths().get("/api/validate").getPost();
        assertThat(validate.getRequestBody().getContent()).containsKeys("application/xml", "application/json");
        assertThat(validate.getResponses().get("200").getContent().get("application/json").getSchema().get$ref())
                .isEqualTo("#/components/schemas/Receipt");
        assertThat(api.getPaths().get("/api/submissions/{submissionId}").getGet().getResponses().get("200").getContent()
                .get("application/json").getSchema().get$ref()).isEqualTo("#/components/schemas/Receipt");
        JsonNode receiptSchema = JSON.readTree(get("/schemas/receipt/receipt-v1.schema.json", null).body());
        var receipt = api.getComponents().getSchemas().get("Receipt");
        assertThat(new TreeSet<>(receipt.getProperties().keySet())).as("the receipt schema itself")
                .isEqualTo(new TreeSet<>(fieldNames(receiptSchema.path("properties"))));
        assertThat(receipt.getRequired()).containsExactlyInAnyOrderElementsOf(
                JSON.convertValue(receiptSchema.path("required"), List.class));

        // Every route the running hub serves over HTTP through the rest DSL, and every /observe route, is described.
        List<String> routes = new ArrayList<>();
        for (JsonNode route : JSON.readTree(post("/api/operator/routes", null, null, "operator").body())) {
            String from = route.path("from").asText();
            Matcher rest = REST_FROM.matcher(from);
            if (rest.matches()) {
                routes.add(rest.group(1).toUpperCase(Locale.ROOT) + " " + rest.group(2)
                        + (rest.group(3) == null ? "" : rest.group(3)));
            } else if (from.startsWith("platform-http:///observe/")) {
                routes.add("GET " + from.substring("platform-http://".length()).split("\\?")[0]);
            }
        }
        assertThat(routes).as("rest routes of the running hub").hasSizeGreaterThan(25)
                .contains("POST /api/validate", "GET /observe/health", "GET /observe/metrics");
        assertThat(operations).containsAll(routes);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> codes(JsonNode receipt) {
        List<String> codes = new ArrayList<>();
        receipt.path("errors").forEach(error -> codes.add(error.path("code").asText()));
        return codes;
    }

    private static JsonNode validate(byte[] document, String contentType, String login) throws Exception {
        HttpResponse<String> response = post("/api/validate", document, contentType, login);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        return JSON.readTree(response.body());
    }

    private static JsonNode search(String login) throws Exception {
        HttpResponse<byte[]> response = get("/api/submissions", login);
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static List<String> metric(String name) throws Exception {
        String text = new String(get("/observe/metrics", null).body(), StandardCharsets.UTF_8);
        return text.lines().filter(line -> line.startsWith(name + "{") || line.startsWith(name + " ")).toList();
    }

    private static HttpResponse<byte[]> get(String path, String login) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(hub.url(path)));
        if (login != null) {
            request.header("Authorization", QueueChannelIT.basic(login));
        }
        return hub.http().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A POST with {@code body}, or a GET when it is null. */
    private static HttpResponse<String> post(String path, byte[] body, String contentType, String login) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(hub.url(path)));
        if (body != null) {
            request.POST(HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", contentType);
        }
        if (login != null) {
            request.header("Authorization", QueueChannelIT.basic(login));
        }
        return hub.http().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

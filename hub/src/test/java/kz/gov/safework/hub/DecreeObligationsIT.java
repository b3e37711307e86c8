package kz.gov.safework.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.jms.Message;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The obligations of routes/CYCLE.md through the packaged hub, on the decree's own plan: MTSZN reports for 2021
 * (item 5 completed) and 2022 over AMQP; the matrix of 2021 and 2022 (JSON and CSV) shows the regions formed in
 * 2022 only from 2022, item 9 owed by MTSZN alone, contributors and by-agreement bodies apart, item 5 no longer
 * asked in 2022; the consolidated report for 2022 carries the decree's amounts of items 20, 21, 22, 22-1 and 28
 * beside the reported figures, for the year and cumulatively.
 */
class DecreeObligationsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BASE = "/api/plans/safe-labor-2021-2025/years/";
    private static final List<String> NEW_REGIONS = List.of("AKIMAT-ABAI", "AKIMAT-ZHETYSU", "AKIMAT-ULYTAU");

    @TempDir
    Path data;

    @Test
    void matrixOf2021And2022AndTheConsolidatedReportFollowTheDecree() throws Exception {
        try (HubProcess hub = new HubProcess(data, Map.of()).start()) {
            send(hub, report(2021, List.of(
                    item("5", "COMPLETED", "Приказ о правилах обучения издан", true, null, null),
                    item("1", "IN_PROGRESS", "Концепция разрабатывается", false, null, null),
                    item("20", "IN_PROGRESS", "НИР начата", false, 100000, 90000),
                    item("28", "IN_PROGRESS", "Кампания начата", false, 20000, 15000))));
            ObjectNode y2022 = (ObjectNode) JSON.readTree(Files.readAllBytes(
                    QueueChannelIT.examples("valid").resolve("04-mtszn-2022.json")));
            y2022.put("reportId", UUID.randomUUID().toString());
            ((ArrayNode) y2022.path("items")).add(item("20", "IN_PROGRESS", "НИР продолжается", false, 130000, 125000))
                    .add(item("28", "IN_PROGRESS", "Кампания продолжается", false, 21000, 20000));
            send(hub, JSON.writeValueAsBytes(y2022));

            // 2021: the three regions formed in June 2022 are not there; their parents are.
            JsonNode m2021 = JSON.readTree(get(hub, BASE + "2021/matrix", "operator").body());
            Map<String, JsonNode> cells2021 = cells(m2021);
            assertThat(m2021.path("dueReading").asText()).isEqualTo("INCLUSIVE");
            assertThat(m2021.path("lastDayOnTime").asText()).isEqualTo("2022-01-10");
            assertThat(m2021.path("zone").asText()).isEqualTo("Asia/Almaty");
            assertThat(m2021.path("agencies").findValuesAsText("code")).doesNotContainAnyElementsOf(NEW_REGIONS)
                    .contains("AKIMAT-KARAGANDA", "AKIMAT-EAST-KAZAKHSTAN", "AKIMAT-ALMATY-REGION");
            assertThat(cells2021.keySet()).noneMatch(k -> NEW_REGIONS.stream().anyMatch(k::startsWith));
            assertThat(cells2021.get("AKIMAT-KARAGANDA/28").path("status").asText()).isEqualTo("MISSING");
            // Item 9: MTSZN owes it; the other central bodies may contribute and are not missing.
            assertThat(cells2021.get("MTSZN/9").path("kind").asText()).isEqualTo("OWES");
            assertThat(cells2021.get("ME/9").path("kind").asText()).isEqualTo("CONTRIBUTES");
            assertThat(cells2021.get("ME/9").path("status").asText()).isEqualTo("NOT_REQUIRED");
            assertThat(cells2021.get("AFK/3").path("status").asText()).isEqualTo("NOT_REQUIRED");
            assertThat(cells2021.get("EMPLOYERS/5").path("kind").asText()).isEqualTo("BY_AGREEMENT");
            assertThat(cells2021.get("MTSZN/5").path("status").asText()).isEqualTo("ACCEPTED_LATE");
            assertThat(cells2021.keySet()).noneMatch(k -> k.endsWith("/4-1"));

            // 2022: the new regions owe their seven items and say when they came into being; item 5 was
            // completed in 2021 so MTSZN is not asked again; item 1 (due 2021, unfinished) still is; inserted
            // items are asked from 2022.
            JsonNode m2022 = JSON.readTree(get(hub, BASE + "2022/matrix", "operator").body());
            Map<String, JsonNode> cells2022 = cells(m2022);
            assertThat(m2022.path("lastDayOnTime").asText()).isEqualTo("2023-01-10");
            JsonNode ulytau = agency(m2022, "AKIMAT-ULYTAU");
            assertThat(ulytau.path("validFrom").asText()).isEqualTo("2022-06-08");
            assertThat(ulytau.path("predecessors").toString()).isEqualTo("[\"AKIMAT-KARAGANDA\"]");
            for (String region : NEW_REGIONS) {
                assertThat(cells2022.keySet()).filteredOn(k -> k.startsWith(region + "/")).hasSize(7);
            }
            assertThat(cells2022).doesNotContainKey("MTSZN/5").containsKeys("MTSZN/1", "MTSZN/4-1", "MTSZN/28-1");
            assertThat(cells2022.get("MTSZN/1").path("status").asText()).isEqualTo("MISSING");
            assertThat(cells2022.get("EMPLOYERS/5").path("status").asText()).isEqualTo("MISSING");
            assertThat(agency(m2022, "RNIIOT").path("kind").asText()).isEqualTo("CONTRIBUTES");

            String csv2021 = get(hub, BASE + "2021/matrix?format=csv", "operator").body();
            String csv2022 = get(hub, BASE + "2022/matrix?format=csv", "operator").body();
            assertThat(csv2021.lines().findFirst()).contains(
                    "agency,item,status,late,current_submission,submissions,kind,agency_valid_from,submission_count");
            assertThat(csv2021.lines()).contains("AKIMAT-KARAGANDA,14,MISSING,false,,,OWES,,0",
                    "AFK,3,NOT_REQUIRED,false,,,CONTRIBUTES,,0", "ME,9,NOT_REQUIRED,false,,,CONTRIBUTES,,0")
                    .noneMatch(l -> l.startsWith("AKIMAT-ULYTAU,"));
            assertThat(csv2022.lines()).contains("AKIMAT-ULYTAU,14,MISSING,false,,,OWES,2022-06-08,0",
                    "MTSZN,1,MISSING,false,,,OWES,,0").noneMatch(l -> l.startsWith("MTSZN,5,"));

            // The consolidated report for 2022: the decree's amounts beside the reported ones.
            HttpResponse<String> draft = QueueChannelIT.call(hub, "POST", BASE + "2022/consolidations", "mtszn");
            assertThat(draft.statusCode()).as(draft.body()).isIn(200, 201);
            String id = JSON.readTree(draft.body()).path("id").asText();
            JsonNode report = JSON.readTree(get(hub, BASE + "2022/consolidations/" + id + "?format=json", "mtszn").body());
            assertAmounts(report, "20", "230000", "130000", "125000", "230000", "215000");
            assertAmounts(report, "21", "482500", "160833.3", "151200", "160833.3", "151200");
            assertAmounts(report, "22", "15000", "15000", "14985", "15000", "14985");
            assertAmounts(report, "28", "85200", "21000", "20000", "41000", "35000");
            JsonNode item221 = item(report, "22-1");
            assertThat(item221.path("decree").path("total").decimalValue()).isEqualByComparingTo("359536");
            assertThat(item221.path("decree").path("source").asText()).contains("бюджетная программа 034");
            assertThat(item221.has("actual")).as("nothing reported for 22-1").isFalse();
            assertThat(item(report, "9").path("agencies").findValuesAsText("agency")).containsExactly("MTSZN");

            String xml = get(hub, BASE + "2022/consolidations/" + id + "?format=xml", "mtszn").body();
            assertThat(xml).contains("<decreeFinancing total=\"230000\"", "<decreeFinancing total=\"482500\"",
                    "<decreeFinancing total=\"15000\"", "<decreeFinancing total=\"359536\"",
                    "<decreeFinancing total=\"85200\"", "plannedCumulative=\"41000");
            HttpResponse<byte[]> pdf = HttpClient.newHttpClient().send(QueueChannelIT.authorized(hub, "GET",
                    BASE + "2022/consolidations/" + id + "?format=pdf", "mtszn"), HttpResponse.BodyHandlers.ofByteArray());
            String pdfText;
            try (var document = Loader.loadPDF(pdf.body())) {
                pdfText = new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
            }
            assertThat(pdfText).contains("Финансирование: предусмотрено Планом действий и представлено органами",
                    "230000.0 130000.0 125000.0 230000.0 215000.0", "359536.0 — — — —");
        }
    }

    private static void assertAmounts(JsonNode report, String number, String decreeTotal, String reportedPlanned,
                                      String actual, String plannedCumulative, String actualCumulative) {
        JsonNode item = item(report, number);
        assertThat(item.path("decree").path("total").decimalValue()).as(number).isEqualByComparingTo(decreeTotal);
        assertThat(item.path("reportedPlanned").decimalValue()).as(number).isEqualByComparingTo(reportedPlanned);
        assertThat(item.path("actual").decimalValue()).as(number).isEqualByComparingTo(actual);
        assertThat(item.path("plannedCumulative").decimalValue()).as(number).isEqualByComparingTo(plannedCumulative);
        assertThat(item.path("actualCumulative").decimalValue()).as(number).isEqualByComparingTo(actualCumulative);
    }

    private static JsonNode item(JsonNode report, String number) {
        for (JsonNode section : report.path("sections")) {
            for (JsonNode item : section.path("items")) {
                if (item.path("number").asText().equals(number)) {
                    return item;
                }
            }
        }
        throw new AssertionError("no item " + number + " in the consolidated report");
    }

    private static JsonNode agency(JsonNode matrix, String code) {
        for (JsonNode agency : matrix.path("agencies")) {
            if (agency.path("code").asText().equals(code)) {
                return agency;
            }
        }
        throw new AssertionError("no agency " + code + " in the matrix");
    }

    private static Map<String, JsonNode> cells(JsonNode matrix) {
        Map<String, JsonNode> cells = new HashMap<>();
        matrix.path("cells").forEach(c -> cells.put(c.path("agency").asText() + "/" + c.path("item").asText(), c));
        return cells;
    }

    private static byte[] report(int year, List<ObjectNode> items) throws Exception {
        ObjectNode report = (ObjectNode) JSON.readTree(Files.readAllBytes(
                QueueChannelIT.examples("valid").resolve("04-mtszn-2022.json")));
        report.put("reportId", UUID.randomUUID().toString());
        report.put("year", year);
        report.putArray("items").addAll(items);
        return JSON.writeValueAsBytes(report);
    }

    private static ObjectNode item(String number, String status, String narrative, boolean document, Integer planned,
                                   Integer actual) {
        ObjectNode item = JSON.createObjectNode().put("item", number).put("status", status).put("narrativeRu", narrative);
        if (document) {
            item.putObject("completionDocument").put("type", "приказ").put("number", "1-П").put("date", "2021-11-25")
                    .put("title", "О внесении изменений в приказ № 1019");
        }
        if (planned != null) {
            item.putObject("expenses").put("planned", planned).put("actual", actual)
                    .put("source", "республиканский бюджет");
        }
        return item;
    }

    private static void send(HubProcess hub, byte[] report) throws Exception {
        try (AgencyClient client = new AgencyClient(hub.brokerPort, "mtszn", QueueChannelIT.password("mtszn"))) {
            String id = client.sendBytes(report, Map.of());
            Message m = client.receive("receipts.MTSZN", "JMSCorrelationID = '" + id + "'", 30_000);
            assertThat(m).as("receipt").isNotNull();
            JsonNode receipt = JSON.readTree(AgencyClient.text(m));
            assertThat(receipt.path("status").asText()).as(receipt.toString()).isEqualTo("ACCEPTED");
        }
    }

    private static HttpResponse<String> get(HubProcess hub, String path, String login) throws Exception {
        HttpResponse<String> response = QueueChannelIT.call(hub, "GET", path, login);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return response;
    }
}

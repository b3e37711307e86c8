package kz.gov.safework.cycle;

import kz.gov.safework.store.StoredSubmission;
import kz.gov.safework.store.StoredEntry;
import kz.gov.safework.store.SubmissionStore;

import kz.gov.safework.api.ApiAuthentication;
import kz.gov.safework.api.ApiProblem;
import kz.gov.safework.contract.reference.Principals.Principal;
import kz.gov.safework.contract.reference.Principals.Role;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import kz.gov.safework.contract.Json;
import kz.gov.safework.contract.reference.ObligationKind;
import kz.gov.safework.contract.reference.Plan;
import kz.gov.safework.cycle.CycleStore.ConsolidationRow;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The cycle's HTTP API behind the REST routes: authorisation and the answers. Each route authenticates first
 * ({@link ApiAuthentication}); {@link #accept(Exchange)} then keeps the path and query parameters it needs as an
 * {@link ApiRequest} and drops every incoming header. The operator and MTSZN see every agency, an agency its own.
 * The Government's login reads the approved packages and nothing else: no campaign, no drafts, no submissions.
 */
public class CycleApi {
    static final String REQUEST = "swCycleRequest";
    private static final ObjectMapper JSON = Json.mapper();
    /** How many of an agency's documents its history lists, the latest (the answer says how many there are). */
    static final int HISTORY_KEPT = 100;

    private final CycleData data;
    private final Consolidations consolidations;
    CycleApi(CycleData data, Consolidations consolidations) {
        this.data = data;
        this.consolidations = consolidations;
    }

    public record ApiRequest(String plan, String year, String agency, String id, String format, Principal caller) {
    }

    public void accept(Exchange exchange) {
        Message in = exchange.getMessage();
        ApiRequest request = new ApiRequest(header(in, "plan"), header(in, "year"), header(in, "agency"),
                header(in, "id"), header(in, "format"), ApiAuthentication.principal(exchange));
        in.removeHeaders("*");
        exchange.setProperty(REQUEST, request);
    }

    private static String header(Message in, String name) {
        Object value = in.getHeader(name);
        return value == null ? null : value.toString();
    }

    // --- operations ---

    public void matrix(Exchange exchange) {
        ApiRequest req = request(exchange);
        Principal caller = campaign(req);
        Plan plan = plan(req);
        int year = year(req);
        YearState state = data.state(plan, year);
        List<CellState> cells = state.cells().stream().filter(c -> sees(caller, c.agency())).toList();
        String format = req.format() == null ? "json" : req.format().toLowerCase(java.util.Locale.ROOT);
        if (!format.equals("json") && !format.equals("csv")) {
            throw ApiProblem.badRequest("format must be json or csv");
        }
        if (format.equals("csv")) {
            StringBuilder csv = new StringBuilder(
                    "agency,item,status,late,current_submission,submissions,kind,agency_valid_from,submission_count\r\n");
            for (CellState c : cells) {
                csv.append(c.agency()).append(',').append(csvField(c.item().number())).append(',').append(c.status())
                        .append(',').append(c.late()).append(',')
                        .append(c.currentSubmission() == null ? "" : c.currentSubmission().submissionId()).append(',')
                        .append(csvField(c.versions().stream().map(StoredSubmission::submissionId)
                                .collect(Collectors.joining(" "))))
                        .append(',').append(c.kind()).append(',').append(validFrom(c.agency()))
                        .append(',').append(c.versionCount()).append("\r\n");
            }
            respond(exchange, 200, "text/csv; charset=UTF-8", csv.toString());
            return;
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("plan", plan.id());
        body.put("year", year);
        body.put("owed", state.owed());
        body.put("agencyDueDate", plan.reporting().agencyDueDate(year).toString());
        body.put("dueReading", plan.reporting().dueReading().name());
        body.put("lastDayOnTime", plan.reporting().lastDayOnTime(year).toString());
        body.put("lateFrom", plan.reporting().lateFrom(year).toString());
        body.put("zone", plan.reporting().zone().getId());
        body.put("asOf", state.asOf().toString());
        // Rows of the matrix: each agency once, with its strongest kind, when it came into being and the
        // bodies that covered its territory before; the console shows by-agreement and contributor rows apart.
        Map<String, ObligationKind> kinds = new LinkedHashMap<>();
        cells.forEach(c -> kinds.merge(c.agency(), c.kind(), (x, y) -> x.compareTo(y) <= 0 ? x : y));
        ArrayNode agencies = body.putArray("agencies");
        kinds.forEach((code, kind) -> {
            ObjectNode agency = agencies.addObject().put("code", code).put("kind", kind.name());
            data.reference().agency(code).ifPresent(a -> {
                agency.put("nameRu", a.nameRu()).put("nameKk", a.nameKk()).put("nameEn", a.nameEn());
                agency.put("validFrom", a.validFrom() == null ? null : a.validFrom().toString());
                a.predecessors().forEach(agency.withArray("predecessors")::add);
            });
        });
        // The items asked about, in plan order, with their titles: the console labels columns and pages with them.
        ArrayNode items = body.putArray("items");
        cells.stream().map(CellState::item).distinct().forEach(item -> items.addObject().put("number", item.number())
                .put("section", item.section()).put("titleRu", item.titleRu()));
        ArrayNode array = body.putArray("cells");
        for (CellState c : cells) {
            ObjectNode cell = array.addObject();
            cell.put("agency", c.agency());
            cell.put("item", c.item().number());
            cell.put("status", c.status().name());
            cell.put("kind", c.kind().name());
            cell.put("late", c.late());
            cell.put("currentSubmission", c.currentSubmission() == null ? null : c.currentSubmission().submissionId());
            cell.put("submissionCount", c.versionCount()); // "submissions" lists the latest VERSIONS_KEPT of them
            ArrayNode subs = cell.putArray("submissions");
            c.versions().forEach(s -> subs.add(submission(s)));
        }
        respond(exchange, 200, "application/json", body);
    }

    private String validFrom(String agency) {
        return data.reference().agency(agency).map(a -> a.validFrom() == null ? "" : a.validFrom().toString())
                .orElse("");
    }

    /** The campaign of a plan and year as MTSZN's console shows it first ({@link CampaignProgress}). */
    public void progress(Exchange exchange) {
        staffAnswer(exchange, (plan, year) -> CampaignProgress.of(data.state(plan, year), data.reference(),
                data.today(), data.daysLeft(plan, year)));
    }

    /** The campaign day by day for MTSZN's charts ({@link CampaignDays}): operator and MTSZN. */
    public void days(Exchange exchange) {
        staffAnswer(exchange, (plan, year) -> CampaignDays.of(data.state(plan, year),
                data.store().received(plan.id(), year)));
    }

    /** A JSON answer about the plan and year of the request, for the operator and MTSZN only. */
    private void staffAnswer(Exchange exchange, java.util.function.BiFunction<Plan, Integer, Object> answer) {
        ApiRequest req = request(exchange);
        staff(req);
        Plan plan = plan(req);
        respond(exchange, 200, "application/json", JSON.valueToTree(answer.apply(plan, year(req))));
    }

    /**
     * Who is calling, with what roles, and the plans with the reporting year whose campaign runs now
     * ({@link CampaignProgress#campaignYear}), by the hub's clock: the console decides what to show from it.
     */
    public void me(Exchange exchange) {
        Principal caller = caller(request(exchange));
        ObjectNode body = JSON.createObjectNode();
        body.put("login", caller.login());
        body.put("agency", caller.agency());
        ArrayNode roles = body.putArray("roles");
        caller.roles().stream().map(Role::name).sorted().forEach(roles::add);
        body.put("today", data.today().toString());
        ArrayNode plans = body.putArray("plans");
        for (Plan plan : data.reference().plans()) {
            plans.addObject().put("id", plan.id()).put("titleRu", plan.titleRu()).put("titleEn", plan.titleEn())
                    .put("firstReportingYear", plan.firstReportingYear())
                    .put("lastReportingYear", plan.lastReportingYear())
                    .put("campaignYear", CampaignProgress.campaignYear(plan, data.today()));
        }
        respond(exchange, 200, "application/json", body);
    }

    public void history(Exchange exchange) {
        ApiRequest req = request(exchange);
        Principal caller = campaign(req);
        Plan plan = plan(req);
        int year = year(req);
        String agency = req.agency() == null ? "" : req.agency().toUpperCase(java.util.Locale.ROOT);
        if (data.reference().agency(agency).isEmpty()) {
            throw ApiProblem.notFound("unknown agency " + req.agency());
        }
        if (!sees(caller, agency)) {
            throw ApiProblem.forbidden("an agency sees only its own history");
        }
        YearState state = data.state(plan, year);
        Set<String> current = state.cellsOf(agency).stream().filter(c -> c.current() != null)
                .map(c -> c.current().submissionId() + "|" + c.item().number()).collect(Collectors.toSet());
        SubmissionStore.History history = data.submissions().history(plan.id(), year, agency, HISTORY_KEPT);
        Map<String, List<StoredEntry>> entries = new LinkedHashMap<>();
        history.entries().forEach(e -> entries.computeIfAbsent(e.submissionId(), k -> new java.util.ArrayList<>()).add(e));
        ObjectNode body = JSON.createObjectNode();
        body.put("plan", plan.id());
        body.put("year", year);
        body.put("agency", agency);
        body.put("total", history.total()); // "versions" lists the latest HISTORY_KEPT of them, oldest first
        ArrayNode versions = body.putArray("versions");
        for (StoredSubmission s : history.latest()) {
            ObjectNode v = submission(s);
            ArrayNode items = v.putArray("items");
            for (StoredEntry e : entries.getOrDefault(s.submissionId(), List.of())) {
                items.addObject().put("item", e.item()).put("status", e.status().name())
                        .put("current", current.contains(s.submissionId() + "|" + e.item()));
            }
            versions.add(v);
        }
        respond(exchange, 200, "application/json", body);
    }

    public void createConsolidation(Exchange exchange) {
        ApiRequest req = request(exchange);
        Principal caller = ministry(req);
        Consolidations.Built built = consolidations.draft(plan(req), year(req), caller.login());
        respond(exchange, built.created() ? 201 : 200, "application/json", summary(built.row()));
    }

    public void listConsolidations(Exchange exchange) {
        ApiRequest req = request(exchange);
        Principal caller = packageReader(req);
        Plan plan = plan(req);
        ArrayNode list = JSON.createArrayNode();
        consolidations.list(plan.id(), year(req)).stream().filter(r -> mayRead(caller, r))
                .forEach(r -> list.add(summary(r)));
        respond(exchange, 200, "application/json", list);
    }

    public void getConsolidation(Exchange exchange) {
        ApiRequest req = request(exchange);
        Principal caller = packageReader(req);
        ConsolidationRow row = consolidations.find(plan(req).id(), year(req), req.id());
        if (!mayRead(caller, row)) {
            throw ApiProblem.forbidden("consolidation " + row.id() + " is " + row.status()
                    + "; the Government reads approved packages only");
        }
        boolean approved = "APPROVED".equals(row.status());
        if (req.format() == null) {
            // What the console previews: the report as stored, and for an approved one where each part of its
            // Government package stands.
            ObjectNode report;
            try {
                report = (ObjectNode) JSON.readTree(row.reportJson());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("stored consolidated report unreadable", e);
            }
            if (approved) {
                report.set("delivery", delivery(row.id()));
            }
            respond(exchange, 200, "application/json", report);
            return;
        }
        // A part: of an approved package byte for byte as signed and sent, so that it matches the manifest's hash.
        switch (req.format().toLowerCase(java.util.Locale.ROOT)) {
            case "xml" -> respond(exchange, 200, "application/xml", approved ? approvedPart(row.id(), "xml")
                    : ConsolidatedXml.write(consolidations.report(row)));
            case "json" -> respond(exchange, 200, "application/json", approved ? approvedPart(row.id(), "json")
                    : row.reportJson());
            case "pdf" -> respond(exchange, 200, "application/pdf", approved ? approvedPart(row.id(), "pdf")
                    : consolidations.pdf(row));
            case "manifest" -> {
                if (row.manifestJson() == null) {
                    throw ApiProblem.conflict("consolidation " + row.id() + " is " + row.status()
                            + "; only an approved one has a manifest");
                }
                respond(exchange, 200, "application/json", row.manifestJson());
            }
            default -> throw ApiProblem.badRequest("format must be json, xml, pdf or manifest");
        }
    }

    /** Approves; the package is left in the body for the outbox route. */
    public ApprovedPackage approve(Exchange exchange) {
        ApiRequest req = request(exchange);
        Principal caller = ministry(req);
        return consolidations.approve(plan(req).id(), year(req), req.id(), caller.login());
    }

    public void approved(Exchange exchange, ApprovedPackage pkg) {
        ObjectNode body = JSON.createObjectNode();
        body.put("id", pkg.consolidationId());
        body.put("status", "APPROVED");
        body.put("version", pkg.version());
        body.put("manifestSha256", pkg.manifestSha256());
        ArrayNode parts = body.putArray("documents");
        pkg.parts().forEach(p -> parts.addObject().put("name", p.fileName()).put("sha256", p.sha256()));
        body.set("delivery", delivery(pkg.consolidationId()));
        respond(exchange, 200, "application/json", body);
    }

    /** The bytes of one part of an approved package as signed and sent (the XML carries the hub's signature). */
    private byte[] approvedPart(String consolidationId, String kind) {
        return data.store().outboxParts(consolidationId).stream().filter(p -> kind.equals(p.part().kind()))
                .findFirst().orElseThrow(() -> new IllegalStateException("approved consolidation " + consolidationId
                        + " has no " + kind + " part"))
                .part().body();
    }

    /** Each part of an approved package in the Government outbox: SENT (with when) or PENDING (with the last error). */
    private ArrayNode delivery(String consolidationId) {
        ArrayNode delivery = JSON.createArrayNode();
        for (CycleStore.OutboxPart p : data.store().outboxParts(consolidationId)) {
            ObjectNode part = delivery.addObject();
            part.put("part", p.part().kind());
            part.put("name", p.part().fileName());
            part.put("state", p.sentAt() != null ? "SENT" : "PENDING");
            part.put("sentAt", p.sentAt() == null ? null : p.sentAt().toString());
            part.put("attempts", p.attempts());
            part.put("lastError", p.lastError());
        }
        return delivery;
    }

    // --- helpers ---

    private ObjectNode summary(ConsolidationRow r) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", r.id());
        node.put("plan", r.planId());
        node.put("year", r.year());
        node.put("status", r.status());
        node.put("createdAt", r.createdAt().toString());
        node.put("createdBy", r.createdBy());
        ConsolidatedReport report = consolidations.report(r);
        node.put("version", r.approvedVersion() != null ? r.approvedVersion() : report.version());
        if (r.approvedAt() != null) {
            node.put("approvedAt", r.approvedAt().toString());
            node.put("approvedBy", r.approvedBy());
            node.put("manifestSha256", r.manifestSha256());
            node.set("delivery", delivery(r.id()));
        }
        node.put("items", report.summary().items());
        node.put("completed", report.summary().completed());
        node.put("agenciesMissing", report.summary().agenciesMissing());
        node.put("agenciesLate", report.summary().agenciesLate());
        if (report.changes() != null) {
            node.put("changes", report.changes().size());
        }
        return node;
    }

    private static ObjectNode submission(StoredSubmission s) {
        ObjectNode node = JSON.createObjectNode();
        node.put("submissionId", s.submissionId());
        node.put("reportId", s.reportId());
        node.put("status", s.status());
        node.put("late", s.late());
        node.put("correctionOf", s.correctionOf());
        node.put("supersededBy", s.supersededBy());
        node.put("receivedAt", s.receivedAt().toString());
        node.put("sha256", s.sha256());
        return node;
    }

    private static ApiRequest request(Exchange exchange) {
        return exchange.getProperty(REQUEST, ApiRequest.class);
    }

    private static Principal caller(ApiRequest req) {
        return req.caller();
    }

    /** The operator and MTSZN see every agency. */
    private static boolean seesAll(Principal caller) {
        return caller.has(Role.OPERATOR) || caller.has(Role.MTSZN);
    }

    private static boolean sees(Principal caller, String agencyCode) {
        return seesAll(caller) || agencyCode.equals(caller.agency());
    }

    private static Principal staff(ApiRequest req) {
        Principal caller = caller(req);
        if (!seesAll(caller)) {
            throw ApiProblem.forbidden("operator or MTSZN credentials required");
        }
        return caller;
    }

    /**
     * Who may read the cycle's campaign (matrix, an agency's history): the operator, MTSZN, an agency (its own rows).
     * A login with neither role nor agency (the Government's) has no campaign: refused, not shown an empty one.
     */
    private static Principal campaign(ApiRequest req) {
        Principal caller = caller(req);
        if (!seesAll(caller) && caller.agency() == null) {
            throw ApiProblem.forbidden("Login " + caller.login() + " has no reporting campaign to read");
        }
        return caller;
    }

    /** Who may read consolidated packages: the operator and MTSZN (every version), the Government (approved ones). */
    private static Principal packageReader(ApiRequest req) {
        Principal caller = caller(req);
        if (!seesAll(caller) && !caller.has(Role.GOVERNMENT)) {
            throw ApiProblem.forbidden("operator, MTSZN or Government credentials required");
        }
        return caller;
    }

    /** Drafts and superseded drafts are MTSZN's work in progress; the Government sees what was approved and sent. */
    private static boolean mayRead(Principal caller, ConsolidationRow row) {
        return seesAll(caller) || "APPROVED".equals(row.status());
    }

    private static Principal ministry(ApiRequest req) {
        Principal caller = caller(req);
        if (!caller.has(Role.MTSZN)) {
            throw ApiProblem.forbidden("MTSZN credentials required");
        }
        return caller;
    }

    private Plan plan(ApiRequest req) {
        return data.plan(req.plan()).orElseThrow(() -> ApiProblem.notFound("unknown plan " + req.plan()));
    }

    private static int year(ApiRequest req) {
        try {
            return Integer.parseInt(req.year());
        } catch (NumberFormatException e) {
            throw ApiProblem.badRequest("year must be a number");
        }
    }

    private static String csvField(String value) {
        if (value.contains(",") || value.contains("\"") || value.contains("\n")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }

    private static void respond(Exchange exchange, int status, String contentType, Object body) {
        Message out = exchange.getMessage();
        if (body instanceof ObjectNode || body instanceof ArrayNode) {
            try {
                body = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(body);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        out.setBody(body instanceof byte[] bytes ? bytes : ((String) body).getBytes(StandardCharsets.UTF_8));
        out.setHeader(Exchange.CONTENT_TYPE, contentType);
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
    }
}

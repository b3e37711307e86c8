package kz.gov.safework.cycle;

import kz.gov.safework.api.ApiProblem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import kz.gov.safework.contract.Json;
import kz.gov.safework.contract.Sha256;
import kz.gov.safework.contract.signature.HubSigner;
import kz.gov.safework.contract.signature.PackageSigner;
import kz.gov.safework.contract.reference.Plan;
import kz.gov.safework.cycle.CycleStore.ConsolidationRow;
import kz.gov.safework.store.DatabaseLock;

/** Drafts, approvals and the package sent to the Government. */
public class Consolidations {
    public static final String SYSTEM = "system";
    private static final ObjectMapper JSON = Json.mapper();

    private final CycleData data;
    private final Consolidator consolidator;
    private final ConsolidatedPdf pdf;
    private final DatabaseLock lock;
    private final PackageSigner signer;

    public Consolidations(CycleData data, ZoneId zone, DatabaseLock lock, PackageSigner signer) {
        this.data = data;
        this.lock = lock;
        this.signer = signer;
        this.consolidator = new Consolidator(data.reference());
        this.pdf = new ConsolidatedPdf(zone);
    }

    public record Built(ConsolidationRow row, boolean created) {
    }

    /**
     * A draft for the plan and year from the store as it is now. When a draft or approved version was
     * built from exactly the same inputs it is returned instead of a copy. Under the database's draft lock: the
     * schedule and the API, on this or another hub instance sharing the database, must not both build one.
     */
    public Built draft(Plan plan, int year, String by) {
        if (!Obligations.yearOwed(plan, year)) {
            throw ApiProblem.conflict("no reports are owed for plan " + plan.id() + " and year " + year);
        }
        return lock.call(DatabaseLock.CONSOLIDATION_DRAFT, () -> build(plan, year, by));
    }

    private Built build(Plan plan, int year, String by) {
        YearState state = data.state(plan, year);
        String inputs = fingerprint(state);
        List<ConsolidationRow> existing = data.store().consolidations(plan.id(), year);
        Optional<ConsolidationRow> same = existing.stream()
                .filter(r -> !"SUPERSEDED".equals(r.status()) && r.inputsSha256().equals(inputs)).findFirst();
        if (same.isPresent()) {
            return new Built(same.get(), false);
        }
        ConsolidatedReport previous = existing.stream().filter(r -> "APPROVED".equals(r.status()))
                .max((a, b) -> Integer.compare(a.approvedVersion(), b.approvedVersion()))
                .map(r -> read(r.reportJson())).orElse(null);
        String id = UUID.randomUUID().toString();
        Instant now = data.clock().instant();
        ConsolidatedReport report = consolidator.build(state, id, now, previous);
        ConsolidationRow row = new ConsolidationRow(id, plan.id(), year, "DRAFT", now, by, inputs, write(report),
                null, null, null, null, null);
        data.store().insertDraft(row);
        return new Built(row, true);
    }

    /** The scheduled part: a draft for every owed year whose agencies' due date has passed, when inputs changed. */
    public List<ConsolidationRow> draftsDue() {
        List<ConsolidationRow> built = new ArrayList<>();
        for (Plan plan : data.reference().plans()) {
            for (int year = plan.firstReportingYear(); year <= plan.lastReportingYear(); year++) {
                if (Obligations.yearOwed(plan, year) && data.today().isAfter(plan.reporting().agencyDueDate(year))) {
                    Built b = draft(plan, year, SYSTEM);
                    if (b.created()) {
                        built.add(b.row());
                    }
                }
            }
        }
        return built;
    }

    /**
     * Approves a draft as the next version and renders what goes to the Government, signed once, here: the XML
     * with the hub's enveloped XML-DSig, the JSON and the manifest each with a detached JWS ({@code <name>.sig}, the
     * last two parts). What the store keeps and the outbox sends are these signed bytes; the manifest hashes them.
     */
    public ApprovedPackage approve(String planId, int year, String id, String by) {
        ConsolidationRow row = find(planId, year, id);
        if (!"DRAFT".equals(row.status())) {
            throw ApiProblem.conflict("consolidation " + id + " is " + row.status() + ", not a draft");
        }
        ConsolidatedReport report = read(row.reportJson());
        int approvedVersions = (int) data.store().consolidations(planId, year).stream()
                .filter(r -> "APPROVED".equals(r.status())).count();
        if (report.version() != approvedVersions + 1) {
            throw ApiProblem.conflict("draft " + id + " was built before version " + approvedVersions
                    + " was approved; build a new draft");
        }
        Instant now = data.clock().instant();
        String base = "consolidated-report-" + planId + "-" + year + "-v" + report.version();
        byte[] xml = signer.signXml(ConsolidatedXml.write(report).getBytes(StandardCharsets.UTF_8));
        byte[] json = row.reportJson().getBytes(StandardCharsets.UTF_8);
        byte[] pdfBytes = pdf.render(report, "утверждена " + by);
        List<ApprovedPackage.Part> parts = new ArrayList<>();
        parts.add(part("xml", base + ".xml", "application/xml", xml));
        parts.add(part("json", base + ".json", "application/json", json));
        parts.add(part("pdf", base + ".pdf", "application/pdf", pdfBytes));

        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("consolidationId", id);
        manifest.put("planId", planId);
        manifest.put("year", year);
        manifest.put("version", report.version());
        manifest.put("approvedAt", now.toString());
        manifest.put("approvedBy", by);
        if (report.previousVersion() != null) {
            manifest.put("previousVersion", report.previousVersion());
            manifest.put("changes", report.changes().size());
        }
        ArrayNode documents = manifest.putArray("documents");
        for (ApprovedPackage.Part p : parts) {
            documents.addObject().put("name", p.fileName()).put("mediaType", p.mediaType())
                    .put("size", p.body().length).put("sha256", p.sha256());
        }
        ArrayNode submissions = manifest.putArray("submissions");
        report.submissions().forEach(s -> submissions.addObject().put("submissionId", s.submissionId())
                .put("agency", s.agency()).put("reportId", s.reportId()).put("sha256", s.sha256()));
        String manifestJson = manifest.toPrettyString();
        byte[] manifestBytes = manifestJson.getBytes(StandardCharsets.UTF_8);
        String manifestSha = Sha256.hex(manifestBytes);
        parts.add(part("manifest", base + ".manifest.json", "application/json", manifestBytes));
        parts.add(part("manifest-sha256", base + ".manifest.json.sha256", "text/plain",
                (manifestSha + "  " + base + ".manifest.json\n").getBytes(StandardCharsets.UTF_8)));
        parts.add(signature("json-signature", base + ".json", json));
        parts.add(signature("manifest-signature", base + ".manifest.json", manifestBytes));

        if (!data.store().approve(id, report.version(), now, by, manifestJson, manifestSha, parts)) {
            throw ApiProblem.conflict("consolidation " + id + " was approved or superseded meanwhile");
        }
        return new ApprovedPackage(id, planId, year, report.version(), manifestSha, parts);
    }

    public ConsolidationRow find(String planId, int year, String id) {
        return data.store().consolidation(id).filter(r -> r.planId().equals(planId) && r.year() == year)
                .orElseThrow(() -> ApiProblem.notFound("no consolidation " + id + " for " + planId + "/" + year));
    }

    public List<ConsolidationRow> list(String planId, int year) {
        return data.store().consolidations(planId, year);
    }

    public ConsolidatedReport report(ConsolidationRow row) {
        return read(row.reportJson());
    }

    public byte[] pdf(ConsolidationRow row) {
        String status = "APPROVED".equals(row.status()) ? "утверждена " + row.approvedBy()
                : "DRAFT".equals(row.status()) ? "проект" : "заменённый проект";
        return pdf.render(read(row.reportJson()), status);
    }

    private ApprovedPackage.Part signature(String kind, String signedName, byte[] signed) {
        return part(kind, signedName + HubSigner.SIGNATURE_SUFFIX, PackageSigner.MEDIA_TYPE,
                signer.sign(signed).getBytes(StandardCharsets.US_ASCII));
    }

    private static ApprovedPackage.Part part(String kind, String name, String mediaType, byte[] body) {
        return new ApprovedPackage.Part(kind, name, mediaType, body, Sha256.hex(body));
    }

    /** The cells and, for the cumulative figures, what the earlier years' reports say. */
    private static String fingerprint(YearState state) {
        return Sha256.hex(String.join(",", state.cells().stream()
                .map(c -> c.agency() + "/" + c.item().number() + "=" + c.status() + ":"
                        + (c.currentSubmission() == null ? "" : c.currentSubmission().submissionId()))
                .sorted().toList()) + "|" + state.earlier().fingerprint());
    }

    static ConsolidatedReport read(String json) {
        try {
            return JSON.readValue(json, ConsolidatedReport.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored consolidated report unreadable", e);
        }
    }

    static String write(ConsolidatedReport report) {
        try {
            return JSON.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

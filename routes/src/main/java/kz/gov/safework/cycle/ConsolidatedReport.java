package kz.gov.safework.cycle;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import kz.gov.safework.contract.report.ItemStatus;

/**
 * The consolidated information MTSZN sends to the Government for one plan and reporting year.
 * Serialised as-is to JSON (schemas/consolidated/consolidated-report-v1.schema.json) and to XML
 * (consolidated-report-v1.xsd); the PDF is rendered from it. Amounts are thousand tenge.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConsolidatedReport(
        String consolidationId,
        int version,
        String planId,
        String planTitleRu,
        String decree,
        int year,
        LocalDate agencyDueDate,
        LocalDate consolidatedDueDate,
        Instant generatedAt,
        Summary summary,
        List<SectionBlock> sections,
        List<AgencyCompliance> agencies,
        List<IncludedSubmission> submissions,
        Integer previousVersion,
        List<Change> changes) {

    public record Summary(int items, int completed, int inProgress, int notStarted, int notDue, int notReported,
                          int agencies, int agenciesReported, int agenciesLate, int agenciesMissing,
                          BigDecimal planned, BigDecimal actual) {
    }

    public record SectionBlock(int number, String titleRu, List<ItemBlock> items, Totals totals) {
    }

    public record Totals(int items, int completed, int inProgress, int notStarted, int notDue, int notReported,
                         BigDecimal planned, BigDecimal actual) {
    }

    /**
     * {@code planned}: the decree's amount for the year where it gives one, else the agencies' reported planned
     * sum; {@code decree}: the decree's own financing of the item (total for the whole item and source);
     * {@code reportedPlanned}/{@code actual}: what the agencies reported for the year; the cumulative figures
     * add every earlier reporting year of the plan.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ItemBlock(String number, String titleRu, String formRu, String deadline, ConsolidatedStatus status,
                            boolean allReported, BigDecimal planned, BigDecimal actual, List<AgencyEntry> agencies,
                            DecreeFinancing decree, BigDecimal reportedPlanned, BigDecimal plannedCumulative,
                            BigDecimal actualCumulative) {
    }

    /** The decree's column 6 for a financed item: {@code total} (thousand tenge, whole item) where it gives one. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DecreeFinancing(BigDecimal total, String source, String original) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AgencyEntry(String agency, String agencyNameRu, CellStatus cell, ItemStatus status,
                              String narrativeRu, String narrativeKk, Document completionDocument,
                              BigDecimal expensesPlanned, BigDecimal expensesActual, String expensesSource,
                              String submissionId, boolean late) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Document(String type, String number, LocalDate date, String title) {
    }

    /** One row of the agency × item compliance grid; {@code late}/{@code missing} mark the agency itself. */
    public record AgencyCompliance(String agency, String nameRu, boolean late, boolean missing, List<GridCell> cells) {
    }

    public record GridCell(String item, CellStatus status) {
    }

    public record IncludedSubmission(String submissionId, String agency, String reportId, String sha256,
                                     Instant receivedAt, boolean late) {
    }

    /** What changed since the previous approved version, per agency and item ({@code agency} absent: the item). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Change(String item, String agency, String kind, String before, String after) {
    }

    public ConsolidatedReport withVersion(int newVersion, Integer previous, List<Change> newChanges) {
        return new ConsolidatedReport(consolidationId, newVersion, planId, planTitleRu, decree, year, agencyDueDate,
                consolidatedDueDate, generatedAt, summary, sections, agencies, submissions, previous, newChanges);
    }
}

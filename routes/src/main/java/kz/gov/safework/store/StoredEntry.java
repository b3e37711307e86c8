package kz.gov.safework.store;

import java.math.BigDecimal;
import java.time.LocalDate;
import kz.gov.safework.contract.report.ItemStatus;

/** A row of the pipeline's {@code item_entry} table: one item of an accepted submission. */
public record StoredEntry(
        String submissionId,
        String item,
        String agency,
        ItemStatus status,
        String narrativeRu,
        String narrativeKk,
        String completionType,
        String completionNumber,
        LocalDate completionDate,
        String completionTitle,
        BigDecimal expensesPlanned,
        BigDecimal expensesActual,
        String expensesSource) {
}

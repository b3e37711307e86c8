package kz.gov.safework.contract.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;

/** Thousand tenge. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Expenses(BigDecimal planned, BigDecimal actual, String source) {
}

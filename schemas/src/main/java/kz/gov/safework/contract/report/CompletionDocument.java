package kz.gov.safework.contract.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record CompletionDocument(String type, String number, LocalDate date, String title) {
}

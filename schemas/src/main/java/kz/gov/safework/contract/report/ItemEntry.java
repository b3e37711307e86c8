package kz.gov.safework.contract.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** Progress on one plan item, e.g. item {@code "4-1"}. Amounts are in thousand tenge. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ItemEntry(
        String item,
        ItemStatus status,
        String narrativeRu,
        String narrativeKk,
        CompletionDocument completionDocument,
        List<Indicator> indicators,
        Expenses expenses,
        List<AttachmentRef> attachments) {

    public ItemEntry {
        indicators = indicators == null ? List.of() : List.copyOf(indicators);
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }
}

package kz.gov.safework.contract.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import kz.gov.safework.contract.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Every error code speaks Kazakh, Russian and English, and a receipt's error carries all three. */
class ErrorCodeTextsTest {
    /** Letters only Kazakh Cyrillic has (ә, ғ, қ, ң, ө, ұ, ү, һ, і), upper or lower case. */
    private static final String KAZAKH_LETTERS = ".*[әғқңөұүһіӘҒҚҢӨҰҮҺІ].*";

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void everyCodeHasAKazakhTextOfItsOwnBesideTheRussianAndTheEnglish(ErrorCode code) {
        assertThat(code.messageRu()).isNotBlank();
        assertThat(code.messageEn()).isNotBlank();
        assertThat(code.messageKk()).isNotBlank()
                .isNotEqualTo(code.messageRu())
                .isNotEqualTo(code.messageEn())
                .as("written in Kazakh Cyrillic").matches(KAZAKH_LETTERS);
    }

    @Test
    void anErrorWithADetailCarriesTheDetailInEveryLanguage() {
        ValidationError error = ValidationError.of(ErrorCode.SCHEMA_VIOLATION, "/items/0", "status: DONE");
        assertThat(error.messageKk()).isEqualTo(ErrorCode.SCHEMA_VIOLATION.messageKk() + ": status: DONE");
        // Built from Russian and English texts (schema validators, limits): the Kazakh text follows the Russian one.
        ValidationError fromRu = new ValidationError(ErrorCode.SCHEMA_VIOLATION, "",
                ErrorCode.SCHEMA_VIOLATION.messageRu() + ": первые 20", ErrorCode.SCHEMA_VIOLATION.messageEn() + ": first 20");
        assertThat(fromRu.messageKk()).isEqualTo(ErrorCode.SCHEMA_VIOLATION.messageKk() + ": первые 20");
    }

    @Test
    void aReceiptErrorHasMessageMessageEnAndMessageKk() throws Exception {
        JsonNode json = Json.mapper().valueToTree(ValidationError.of(ErrorCode.UNKNOWN_PLAN, "/plan"));
        assertThat(json.path("message").asText()).isEqualTo(ErrorCode.UNKNOWN_PLAN.messageRu());
        assertThat(json.path("messageEn").asText()).isEqualTo(ErrorCode.UNKNOWN_PLAN.messageEn());
        assertThat(json.path("messageKk").asText()).isEqualTo(ErrorCode.UNKNOWN_PLAN.messageKk());
        ValidationError read = Json.mapper().readValue(
                "{\"code\":\"UNKNOWN_PLAN\",\"path\":\"/plan\",\"message\":\"м\",\"messageEn\":\"m\"}", ValidationError.class);
        assertThat(read.messageKk()).as("a receipt stored before messageKk still reads").isNull();
    }
}

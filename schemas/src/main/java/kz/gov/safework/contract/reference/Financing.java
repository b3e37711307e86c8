package kz.gov.safework.contract.reference;

import java.math.BigDecimal;
import java.util.List;

/**
 * Financing source and planned amounts (thousand tenge) as the decree states them.
 * {@code required} is false where the decree says "не требуются".
 */
public record Financing(boolean required, String source, List<Amount> amounts, BigDecimal total, String original) {

    public record Amount(Integer year, BigDecimal thousandTenge) {
    }

    public Financing {
        amounts = amounts == null ? List.of() : List.copyOf(amounts);
    }
}

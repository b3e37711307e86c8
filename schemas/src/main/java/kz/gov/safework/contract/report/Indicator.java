package kz.gov.safework.contract.report;

import java.math.BigDecimal;

public record Indicator(String name, String unit, BigDecimal value) {
}

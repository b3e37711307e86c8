package kz.gov.safework.store;

import kz.gov.safework.contract.receipt.Receipt;

/**
 * A stored judgement: the receipt and (when accepted) the feed message, as JSON exactly as sent.
 * {@code redelivered} is true when the submission was already stored and is only answered again.
 */
public record Outcome(Receipt receipt, String receiptJson, String feedJson, boolean redelivered) {
}

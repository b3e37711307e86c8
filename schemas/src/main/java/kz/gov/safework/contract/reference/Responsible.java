package kz.gov.safework.contract.reference;

/** One responsible entry of an item: an agency or group code; {@code byAgreement} = "(по согласованию)". */
public record Responsible(String code, boolean byAgreement) {
}

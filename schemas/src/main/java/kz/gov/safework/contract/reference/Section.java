package kz.gov.safework.contract.reference;

public record Section(int number, String titleRu, String titleEn) {
}

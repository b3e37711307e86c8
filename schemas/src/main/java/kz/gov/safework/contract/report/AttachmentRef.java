package kz.gov.safework.contract.report;

public record AttachmentRef(String name, String mediaType, String sha256, long size) {
}

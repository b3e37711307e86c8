package kz.gov.safework.connectors.mail;

import kz.gov.safework.contract.validation.ErrorCode;

/**
 * One document found in a mail: an {@code .xml}/{@code .json} attachment, a document inside a {@code .zip}
 * attachment, or a refused archive ({@code adapterError} set, {@code bytes} the archive itself) that the
 * pipeline answers with a REJECTED receipt like any other document.
 */
public record MailDocument(String fileName, String contentType, byte[] bytes, ErrorCode adapterError, String detail) {

    public static MailDocument of(String fileName, String contentType, byte[] bytes) {
        return new MailDocument(fileName, contentType, bytes, null, null);
    }

    public static MailDocument refused(String fileName, byte[] bytes, ErrorCode code, String detail) {
        return new MailDocument(fileName, "application/zip", bytes, code, detail);
    }
}

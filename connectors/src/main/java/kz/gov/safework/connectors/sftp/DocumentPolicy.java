package kz.gov.safework.connectors.sftp;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import kz.gov.safework.contract.validation.ErrorCode;

/**
 * What the SFTP channel refuses before the pipeline looks at the bytes: files over the size limit
 * and files whose extension is not accepted. A refused file still becomes an envelope (with
 * {@code swAdapterError}), so the agency gets a REJECTED receipt instead of silence.
 */
public record DocumentPolicy(long maxFileSize, List<String> extensions) {

    public DocumentPolicy {
        extensions = List.copyOf(extensions);
    }

    public static DocumentPolicy of(SftpSettings settings) {
        return new DocumentPolicy(settings.maxFileSize(), settings.extensions());
    }

    /** The reason to refuse this file, if any; size wins, because an oversized body is never sent. */
    public Optional<ErrorCode> refusal(String fileName, long size) {
        if (size > maxFileSize) {
            return Optional.of(ErrorCode.DOCUMENT_TOO_LARGE);
        }
        if (!extensions.contains(extension(fileName))) {
            return Optional.of(ErrorCode.UNSUPPORTED_EXTENSION);
        }
        return Optional.empty();
    }

    public static String extension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** The content type the name suggests; the pipeline sniffs the bytes anyway. */
    public static String contentType(String fileName) {
        return switch (extension(fileName)) {
            case "xml" -> "application/xml";
            case "json" -> "application/json";
            default -> "application/octet-stream";
        };
    }

    /**
     * Names the intake leaves alone: hidden files and the temporary names upload clients write to
     * before renaming (WinSCP {@code .filepart}, FileZilla and others {@code .part}).
     */
    public static boolean isTemporaryName(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        return lower.startsWith(".") || lower.endsWith(".filepart") || lower.endsWith(".part");
    }
}

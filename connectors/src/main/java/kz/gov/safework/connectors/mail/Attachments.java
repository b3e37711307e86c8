package kz.gov.safework.connectors.mail;

import java.util.Locale;

/** File-name rules shared by attachments and archive entries. */
final class Attachments {
    private Attachments() {
    }

    static boolean isDocument(String lowerName) {
        return lowerName.endsWith(".xml") || lowerName.endsWith(".json");
    }

    static boolean isArchive(String lowerName) {
        return lowerName.endsWith(".zip");
    }

    static String contentTypeOf(String lowerName) {
        return lowerName.endsWith(".json") ? "application/json" : "application/xml";
    }

    /**
     * The last path segment, without control characters: a name is only a label here (receipt, reply
     * attachment), never a path, but it must not smuggle a path or a header break anywhere.
     */
    static String baseName(String name) {
        if (name == null) {
            return null;
        }
        String n = name.replace('\\', '/');
        n = n.substring(n.lastIndexOf('/') + 1);
        n = n.replaceAll("\\p{Cntrl}", "").trim();
        return n.isEmpty() ? null : n;
    }

    static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}

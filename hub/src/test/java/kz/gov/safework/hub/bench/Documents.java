package kz.gov.safework.hub.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The benchmark's documents: the contract's own examples of the Astana akimat (6.6 KB JSON, 7.3 KB XML) and the
 * same reports grown to 1 MiB (every narrative filled to the schema's 20,000 characters, about a third of the
 * MiB; the rest white space
 * between elements, which every parser must still read). Each {@link #next()} carries a fresh report id, so every
 * document is a new, valid submission and not a duplicate.
 */
public record Documents(String name, String template, boolean xml) {
    /** The example's report id, replaced in every copy. */
    private static final String EXAMPLE_ID = "6f1c2a9e-4b7d-4e2a-9c3f-1a2b3c4d5e6f";
    private static final int NARRATIVE_MAX = 20_000;
    public static final int MIB = 1 << 20;
    private static final Pattern JSON_NARRATIVE = Pattern.compile("(\"narrative(?:Ru|Kk)\": \")([^\"]*)(\")");
    private static final Pattern XML_NARRATIVE = Pattern.compile("(<narrative(?:Ru|Kk)>)([^<]*)(</narrative(?:Ru|Kk)>)");

    public static Documents json(Path examples) throws IOException {
        return new Documents("json-6.6KB", read(examples.resolve("01-akimat-astana-2022.json")), false);
    }

    public static Documents xml(Path examples) throws IOException {
        return new Documents("xml-7.3KB", read(examples.resolve("02-akimat-astana-2022-twin.xml")), true);
    }

    /** The same report grown to exactly 1 MiB of UTF-8. */
    public Documents mebibyte() {
        String filled = fillNarratives(template, xml ? XML_NARRATIVE : JSON_NARRATIVE);
        int size = filled.getBytes(StandardCharsets.UTF_8).length;
        if (size > MIB) {
            throw new IllegalStateException(name + " with full narratives is already " + size + " bytes");
        }
        // White space before the last closing brace or element: valid JSON and XML, read by the parser like the rest.
        int end = xml ? filled.lastIndexOf("</") : filled.lastIndexOf('}');
        String grown = filled.substring(0, end) + " ".repeat(MIB - size) + filled.substring(end);
        return new Documents(name.replaceFirst("-.*", "") + "-1MiB", grown, xml);
    }

    /** A copy with a fresh report id. */
    public String next() {
        return template.replace(EXAMPLE_ID, UUID.randomUUID().toString());
    }

    public int bytes() {
        return template.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String fillNarratives(String text, Pattern narrative) {
        Matcher m = narrative.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = m.group(2);
            StringBuilder grown = new StringBuilder(value);
            while (grown.length() + value.length() + 1 <= NARRATIVE_MAX) {
                grown.append(' ').append(value);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + grown + m.group(3)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (!text.contains(EXAMPLE_ID)) {
            throw new IllegalStateException(file + " no longer carries report id " + EXAMPLE_ID);
        }
        return text;
    }
}

package kz.gov.safework.contract.reading;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the bytes of an XML document into text the way XML 1.0 (appendix F) says: a byte order mark
 * first, else the encoding its declaration names, else UTF-8. The hub decodes itself, strictly, so that a
 * byte that is not valid in that encoding is an ENCODING_INVALID answer rather than a replacement
 * character or a parser's guess. Only encodings agency systems here actually use are accepted.
 */
final class XmlText {
    /** Accepted encodings, by canonical Java name. UTF-16 is accepted with a byte order mark or as {@code <} 00. */
    static final Set<String> ACCEPTED = Set.of(
            "UTF-8", "US-ASCII", "UTF-16", "UTF-16BE", "UTF-16LE",
            "windows-1251", "KOI8-R", "KOI8-U", "ISO-8859-5", "IBM866");

    private static final Pattern DECLARED_ENCODING =
            Pattern.compile("\\sencoding\\s*=\\s*([\"'])([A-Za-z][A-Za-z0-9._-]*)\\1");
    /** How far to look for the end of the XML declaration. */
    private static final int DECLARATION_WINDOW = 512;

    static final class EncodingException extends Exception {
        EncodingException(String detail) {
            super(detail, null, false, false);
        }
    }

    /** The document's text, without a byte order mark. */
    static String decode(byte[] bytes, int length) throws EncodingException {
        int start = 0;
        Charset bomCharset = null;
        if (startsWith(bytes, length, 0xEF, 0xBB, 0xBF)) {
            bomCharset = StandardCharsets.UTF_8;
            start = 3;
        } else if (startsWith(bytes, length, 0xFE, 0xFF)) {
            bomCharset = StandardCharsets.UTF_16BE;
            start = 2;
        } else if (startsWith(bytes, length, 0xFF, 0xFE)) {
            bomCharset = StandardCharsets.UTF_16LE;
            start = 2;
        } else if (startsWith(bytes, length, 0x00, 0x3C)) {
            bomCharset = StandardCharsets.UTF_16BE;
        } else if (startsWith(bytes, length, 0x3C, 0x00)) {
            bomCharset = StandardCharsets.UTF_16LE;
        }

        Charset charset;
        if (bomCharset != null && bomCharset != StandardCharsets.UTF_8) {
            String declared = declaredEncoding(new String(bytes, start,
                    Math.min(length - start, DECLARATION_WINDOW * 2), bomCharset));
            if (declared != null && !declared.toUpperCase(Locale.ROOT).startsWith("UTF-16")) {
                throw new EncodingException("the document is UTF-16 but declares encoding \"" + declared + "\"");
            }
            charset = bomCharset;
        } else {
            String declared = declaredEncoding(new String(bytes, start,
                    Math.min(length - start, DECLARATION_WINDOW), StandardCharsets.ISO_8859_1));
            charset = declared == null ? StandardCharsets.UTF_8 : accepted(declared);
            if (bomCharset != null && !charset.name().equals("UTF-8")) {
                throw new EncodingException("the document starts with a UTF-8 byte order mark but declares encoding \""
                        + declared + "\"");
            }
            if (charset.name().startsWith("UTF-16")) {
                throw new EncodingException("the document declares " + charset.name()
                        + " but is not UTF-16 (no byte order mark, no 00 3C)");
            }
        }

        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, length - start);
        try {
            return decoder.decode(in).toString();
        } catch (CharacterCodingException e) {
            throw new EncodingException("bytes not valid in " + charset.name() + " at byte offset " + in.position());
        }
    }

    /** The encoding named by an XML declaration at the very start of {@code head}, or null. */
    static String declaredEncoding(String head) {
        if (!head.startsWith("<?xml")) {
            return null;
        }
        int end = head.indexOf("?>");
        if (end < 0) {
            return null; // no complete declaration in the window: the parser will say what is wrong
        }
        Matcher m = DECLARED_ENCODING.matcher(head.substring(0, end));
        return m.find() ? m.group(2) : null;
    }

    private static Charset accepted(String name) throws EncodingException {
        Charset charset;
        try {
            charset = Charset.isSupported(name) ? Charset.forName(name) : null;
        } catch (IllegalCharsetNameException e) {
            charset = null;
        }
        if (charset == null || !ACCEPTED.contains(charset.name())) {
            throw new EncodingException("encoding \"" + name + "\" is not accepted; use UTF-8 (or one of "
                    + String.join(", ", ACCEPTED.stream().sorted().toList()) + ")");
        }
        return charset;
    }

    private static boolean startsWith(byte[] bytes, int length, int... prefix) {
        if (length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * True when the prolog (before the root element) holds a document type declaration. Looked for before
     * parsing so the answer is DOCTYPE_FORBIDDEN whatever wording the parser would use; the parser refuses
     * DOCTYPE on its own as well.
     */
    static boolean hasDoctype(String text) {
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                i++;
            } else if (text.startsWith("<?", i)) {
                int end = text.indexOf("?>", i + 2);
                if (end < 0) {
                    return false;
                }
                i = end + 2;
            } else if (text.startsWith("<!--", i)) {
                int end = text.indexOf("-->", i + 4);
                if (end < 0) {
                    return false;
                }
                i = end + 3;
            } else {
                return text.regionMatches(true, i, "<!DOCTYPE", 0, 9);
            }
        }
        return false;
    }

    private XmlText() {
    }
}

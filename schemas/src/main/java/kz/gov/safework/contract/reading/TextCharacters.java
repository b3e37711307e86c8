package kz.gov.safework.contract.reading;

/**
 * Characters no text of a document may hold (INVALID_CHARACTER): C0 controls other than tab, CR and LF,
 * lone surrogates, and the Unicode non-characters (U+FDD0..U+FDEF and the last two code points of every
 * plane, U+FFFE, U+FFFF, U+1FFFE, ...). They would break the XML and PDF the hub makes from a report.
 */
public final class TextCharacters {
    private TextCharacters() {
    }

    /** The index of the first character not allowed, or -1. */
    public static int firstInvalid(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                return i;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return i;
                }
                if (isNonCharacter(Character.toCodePoint(c, s.charAt(i + 1)))) {
                    return i;
                }
                i++;
            } else if (Character.isLowSurrogate(c) || isNonCharacter(c)) {
                return i;
            }
        }
        return -1;
    }

    static boolean isNonCharacter(int codePoint) {
        return codePoint >= 0xFDD0 && codePoint <= 0xFDEF || (codePoint & 0xFFFE) == 0xFFFE;
    }

    /** A short description of the character at {@code index} for a receipt, e.g. {@code U+0001 at 12}. */
    public static String describe(CharSequence s, int index) {
        return String.format("U+%04X at character %d", Character.codePointAt(s, index), index + 1);
    }
}

package kz.gov.safework.contract.reading;

import java.util.List;

/**
 * A Russian gist of an XSD validation error, by the error key the JDK's validator puts first in its
 * message ({@code cvc-pattern-valid: …}); the validator's own English detail follows it in the receipt.
 */
final class XsdMessages {
    /** A gist and the key prefixes it stands for. */
    private record Gist(String russian, String... prefixes) {
        boolean matches(String key) {
            for (String prefix : prefixes) {
                if (key.startsWith(prefix)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** In order: the first gist with a matching prefix wins, so the narrower keys come before the wider ones. */
    private static final List<Gist> GISTS = List.of(
            new Gist("элемент здесь не допускается (лишний, неизвестный или не на своём месте)",
                    "cvc-complex-type.2.4.a", "cvc-complex-type.2.4.d"),
            new Gist("не хватает обязательного элемента", "cvc-complex-type.2.4.b"),
            new Gist("недопустимый состав элемента", "cvc-complex-type.2.4"),
            new Gist("элемент не может содержать текст", "cvc-complex-type.2.1", "cvc-complex-type.2.3"),
            new Gist("атрибуты не допускаются", "cvc-complex-type.3.2.2", "cvc-complex-type.3"),
            new Gist("неизвестный корневой элемент", "cvc-elt.1"),
            new Gist("значение не соответствует формату", "cvc-pattern-valid"),
            new Gist("значение не входит в список допустимых", "cvc-enumeration-valid"),
            new Gist("значение длиннее допустимого", "cvc-maxLength-valid"),
            new Gist("значение пустое или короче допустимого", "cvc-minLength-valid"),
            new Gist("значение вне допустимого диапазона", "cvc-minInclusive-valid", "cvc-maxInclusive-valid",
                    "cvc-totalDigits-valid", "cvc-fractionDigits-valid"),
            new Gist("значение неверного типа (число, дата)", "cvc-datatype-valid"),
            new Gist("недопустимое значение", "cvc-type", "cvc-simple-type"));

    static String russian(String key) {
        for (Gist gist : GISTS) {
            if (gist.matches(key)) {
                return gist.russian();
            }
        }
        return "нарушение схемы";
    }

    private XsdMessages() {
    }
}

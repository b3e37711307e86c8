package kz.gov.safework.contract.reading;

/**
 * A Russian gist of an XSD validation error, by the error key the JDK's validator puts first in its
 * message ({@code cvc-pattern-valid: …}); the validator's own English detail follows it in the receipt.
 */
final class XsdMessages {

    static String russian(String key) {
        if (key.startsWith("cvc-complex-type.2.4.a") || key.startsWith("cvc-complex-type.2.4.d")) {
            return "элемент здесь не допускается (лишний, неизвестный или не на своём месте)";
        }
        if (key.startsWith("cvc-complex-type.2.4.b")) {
            return "не хватает обязательного элемента";
        }
        if (key.startsWith("cvc-complex-type.2.4")) {
            return "недопустимый состав элемента";
        }
        if (key.startsWith("cvc-complex-type.2.1") || key.startsWith("cvc-complex-type.2.3")) {
            return "элемент не может содержать текст";
        }
        if (key.startsWith("cvc-complex-type.3.2.2") || key.startsWith("cvc-complex-type.3")) {
            return "атрибуты не допускаются";
        }
        if (key.startsWith("cvc-elt.1")) {
            return "неизвестный корневой элемент";
        }
        if (key.startsWith("cvc-pattern-valid")) {
            return "значение не соответствует формату";
        }
        if (key.startsWith("cvc-enumeration-valid")) {
            return "значение не входит в список допустимых";
        }
        if (key.startsWith("cvc-maxLength-valid")) {
            return "значение длиннее допустимого";
        }
        if (key.startsWith("cvc-minLength-valid")) {
            return "значение пустое или короче допустимого";
        }
        if (key.startsWith("cvc-minInclusive-valid") || key.startsWith("cvc-maxInclusive-valid")
                || key.startsWith("cvc-totalDigits-valid") || key.startsWith("cvc-fractionDigits-valid")) {
            return "значение вне допустимого диапазона";
        }
        if (key.startsWith("cvc-datatype-valid")) {
            return "значение неверного типа (число, дата)";
        }
        if (key.startsWith("cvc-type") || key.startsWith("cvc-simple-type")) {
            return "недопустимое значение";
        }
        return "нарушение схемы";
    }

    private XsdMessages() {
    }
}

package kz.gov.safework.contract.reading;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class XsdMessagesTest {

    @ParameterizedTest(name = "[{0}] {1}")
    @CsvSource(delimiter = '|', textBlock = """
            cvc-complex-type.2.4.a   | элемент здесь не допускается (лишний, неизвестный или не на своём месте)
            cvc-complex-type.2.4.d   | элемент здесь не допускается (лишний, неизвестный или не на своём месте)
            cvc-complex-type.2.4.b   | не хватает обязательного элемента
            cvc-complex-type.2.4.c   | недопустимый состав элемента
            cvc-complex-type.2.1     | элемент не может содержать текст
            cvc-complex-type.2.3     | элемент не может содержать текст
            cvc-complex-type.3.2.2   | атрибуты не допускаются
            cvc-complex-type.3.1     | атрибуты не допускаются
            cvc-elt.1.a              | неизвестный корневой элемент
            cvc-pattern-valid        | значение не соответствует формату
            cvc-enumeration-valid    | значение не входит в список допустимых
            cvc-maxLength-valid      | значение длиннее допустимого
            cvc-minLength-valid      | значение пустое или короче допустимого
            cvc-minInclusive-valid   | значение вне допустимого диапазона
            cvc-maxInclusive-valid   | значение вне допустимого диапазона
            cvc-totalDigits-valid    | значение вне допустимого диапазона
            cvc-fractionDigits-valid | значение вне допустимого диапазона
            cvc-datatype-valid.1.2.1 | значение неверного типа (число, дата)
            cvc-type.3.1.3           | недопустимое значение
            cvc-simple-type          | недопустимое значение
            cvc-id.1                 | нарушение схемы
            ''                       | нарушение схемы
            """)
    void eachKeyGetsItsRussianGistTheNarrowestFirst(String key, String gist) {
        assertThat(XsdMessages.russian(key)).isEqualTo(gist);
    }
}

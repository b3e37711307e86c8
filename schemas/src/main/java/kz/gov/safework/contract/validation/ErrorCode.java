package kz.gov.safework.contract.validation;

/**
 * Every reason a document can be refused or flagged, as it appears in receipts ({@code errors[].code}).
 * Codes are part of the external contract: add, never rename.
 */
public enum ErrorCode {
    // transport and envelope
    EMPTY_DOCUMENT("Документ пуст", "The document is empty"),
    DOCUMENT_TOO_LARGE("Документ превышает допустимый размер", "The document exceeds the size limit"),
    UNSUPPORTED_FORMAT("Документ не является XML или JSON", "The document is neither XML nor JSON"),
    UNSUPPORTED_EXTENSION("Недопустимое расширение файла (ожидается .xml или .json)",
            "File extension not accepted (expected .xml or .json)"),
    UNSUPPORTED_MESSAGE_TYPE("Недопустимый тип сообщения", "Message type not accepted"),
    REPLY_TO_IGNORED("Адрес ответа (reply-to) не принят: квитанция отправлена в очередь receipts.<КОД> (предупреждение)",
            "Reply-to not accepted: the receipt went to receipts.<CODE> (warning)"),
    // parsing
    MALFORMED_XML("Документ XML повреждён", "The XML document is not well-formed"),
    MALFORMED_JSON("Документ JSON повреждён", "The JSON document is not well-formed"),
    DOCTYPE_FORBIDDEN("Объявления DOCTYPE и внешние сущности запрещены",
            "DOCTYPE declarations and external entities are forbidden"),
    ENCODING_INVALID("Неверная или неподдерживаемая кодировка", "Wrong or unsupported character encoding"),
    INVALID_CHARACTER("Недопустимый символ в тексте (управляющий символ, одиночный суррогат или не-символ Unicode)",
            "Character not allowed in text (control character, lone surrogate or Unicode non-character)"),
    JSON_LIMIT_EXCEEDED("Превышен предел вложенности или длины JSON",
            "JSON nesting depth or length limit exceeded"),
    UNKNOWN_DOCUMENT_TYPE("Неизвестный тип или версия документа", "Unknown document type or version"),
    // signature (XML-DSig on XML, JWS on JSON)
    SIGNATURE_INVALID("Подпись документа недействительна (документ изменён или подпись повреждена)",
            "The document's signature is invalid (the document was changed or the signature is damaged)"),
    SIGNATURE_MISSING("Документ должен быть подписан", "The document must be signed"),
    SIGNATURE_REFERENCE_INVALID("Подпись не охватывает весь документ (ссылка, преобразования или несколько подписей)",
            "The signature does not cover the whole document (reference, transforms or several signatures)"),
    CERTIFICATE_UNKNOWN("Сертификат подписи не зарегистрирован", "The signing certificate is not registered"),
    CERTIFICATE_EXPIRED("Срок действия сертификата подписи истёк или ещё не наступил",
            "The signing certificate has expired or is not yet valid"),
    CERTIFICATE_REVOKED("Сертификат подписи отозван", "The signing certificate is revoked"),
    SIGNER_NOT_AGENCY("Документ подписан ключом другого органа", "The document is signed with another agency's key"),
    // schema
    SCHEMA_VIOLATION("Документ не соответствует схеме", "The document does not match its schema"),
    // business rules
    UNKNOWN_AGENCY("Неизвестный орган", "Unknown agency"),
    AGENCY_MISMATCH("Документ подан от имени другого органа", "The document names an agency other than the sender"),
    UNKNOWN_PLAN("Неизвестный план", "Unknown plan"),
    YEAR_OUT_OF_RANGE("Отчётный год вне срока действия плана", "Reporting year outside the plan's reporting years"),
    UNKNOWN_ITEM("Неизвестный пункт плана", "Unknown plan item"),
    ITEM_NOT_ASSIGNED("Орган не является исполнителем пункта", "The agency is not responsible for this item"),
    ITEM_NOT_IN_FORCE("Пункт не действовал в отчётном году", "The item was not in force in the reporting year"),
    DUPLICATE_ITEM("Пункт указан в отчёте более одного раза", "The item appears more than once in the report"),
    COMPLETION_DOCUMENT_MISSING("Для исполненного пункта не указан документ о завершении",
            "A completed item needs its completion document"),
    NEGATIVE_EXPENSE("Расходы не могут быть отрицательными", "Expenses cannot be negative"),
    FINANCING_NOT_PLANNED("План не предусматривает финансирования этого пункта (предупреждение)",
            "The plan foresees no financing for this item (warning)"),
    CORRECTION_TARGET_UNKNOWN("Исправляемый отчёт не найден среди принятых отчётов органа за этот год",
            "The corrected report is not an accepted report of this agency and year"),
    REPORT_ID_REUSED("Идентификатор отчёта уже использован для другого документа",
            "The report id was already used for a different document"),
    // mail
    UNKNOWN_SENDER("Адрес отправителя не зарегистрирован", "The sender address is not registered"),
    NO_DOCUMENT("Письмо не содержит документов", "The mail carries no document"),
    ARCHIVE_REJECTED("Архив отклонён (лимиты или вложенный архив)", "Archive refused (limits or nested archive)"),
    SENDER_NOT_AUTHENTICATED("Подлинность отправителя письма не подтверждена (DKIM, SPF, DMARC или вход SMTP)",
            "The mail's sender is not authenticated (DKIM, SPF, DMARC or SMTP login)"),
    ARCHIVE_LIMIT_EXCEEDED("Письмо превышает допустимый объём или число вложений",
            "The mail exceeds the size or attachment count limit");

    private final String messageRu;
    private final String messageEn;

    ErrorCode(String messageRu, String messageEn) {
        this.messageRu = messageRu;
        this.messageEn = messageEn;
    }

    public String messageRu() {
        return messageRu;
    }

    public String messageEn() {
        return messageEn;
    }

    /** Codes that flag a document without refusing it. */
    public boolean isWarning() {
        return this == FINANCING_NOT_PLANNED || this == REPLY_TO_IGNORED;
    }
}

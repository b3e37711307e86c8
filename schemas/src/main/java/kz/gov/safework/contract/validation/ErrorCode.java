package kz.gov.safework.contract.validation;

/**
 * Every reason a document can be refused or flagged, as it appears in receipts ({@code errors[].code}).
 * Codes are part of the external contract: add, never rename. Each has its text in Kazakh, Russian and English
 * (receipts: {@code messageKk}, {@code message}, {@code messageEn}); {@code ErrorCodeTextsTest} fails when one is missing.
 */
public enum ErrorCode {
    // transport and envelope
    EMPTY_DOCUMENT("Құжат бос",
            "Документ пуст", "The document is empty"),
    DOCUMENT_TOO_LARGE("Құжат рұқсат етілген көлемнен асады",
            "Документ превышает допустимый размер", "The document exceeds the size limit"),
    UNSUPPORTED_FORMAT("Құжат XML немесе JSON пішімінде емес",
            "Документ не является XML или JSON", "The document is neither XML nor JSON"),
    UNSUPPORTED_EXTENSION("Файл кеңейтімі қабылданбайды (.xml немесе .json күтіледі)",
            "Недопустимое расширение файла (ожидается .xml или .json)",
            "File extension not accepted (expected .xml or .json)"),
    UNSUPPORTED_MESSAGE_TYPE("Хабарлама түрі қабылданбайды",
            "Недопустимый тип сообщения", "Message type not accepted"),
    REPLY_TO_IGNORED("Жауап мекенжайы (reply-to) қабылданбады: түбіртек receipts.<КОД> кезегіне жіберілді (ескерту)",
            "Адрес ответа (reply-to) не принят: квитанция отправлена в очередь receipts.<КОД> (предупреждение)",
            "Reply-to not accepted: the receipt went to receipts.<CODE> (warning)"),
    // parsing
    MALFORMED_XML("XML құжаты бүлінген",
            "Документ XML повреждён", "The XML document is not well-formed"),
    MALFORMED_JSON("JSON құжаты бүлінген",
            "Документ JSON повреждён", "The JSON document is not well-formed"),
    DOCTYPE_FORBIDDEN("DOCTYPE жариялауларына және сыртқы нысандарға тыйым салынған",
            "Объявления DOCTYPE и внешние сущности запрещены",
            "DOCTYPE declarations and external entities are forbidden"),
    ENCODING_INVALID("Таңбалар кодтауы қате немесе оған қолдау көрсетілмейді",
            "Неверная или неподдерживаемая кодировка", "Wrong or unsupported character encoding"),
    INVALID_CHARACTER("Мәтінде рұқсат етілмеген таңба бар (басқару таңбасы, жалқы суррогат немесе Unicode жүйесінде таңба болып табылмайтын код)",
            "Недопустимый символ в тексте (управляющий символ, одиночный суррогат или не-символ Unicode)",
            "Character not allowed in text (control character, lone surrogate or Unicode non-character)"),
    JSON_LIMIT_EXCEEDED("JSON құжатының кірістіру тереңдігі немесе ұзындығы шегінен асты",
            "Превышен предел вложенности или длины JSON",
            "JSON nesting depth or length limit exceeded"),
    UNKNOWN_DOCUMENT_TYPE("Құжаттың түрі немесе нұсқасы белгісіз",
            "Неизвестный тип или версия документа", "Unknown document type or version"),
    // signature (XML-DSig on XML, JWS on JSON)
    SIGNATURE_INVALID("Құжаттың қолтаңбасы жарамсыз (құжат өзгертілген немесе қолтаңба бүлінген)",
            "Подпись документа недействительна (документ изменён или подпись повреждена)",
            "The document's signature is invalid (the document was changed or the signature is damaged)"),
    SIGNATURE_MISSING("Құжатқа қол қойылуы тиіс",
            "Документ должен быть подписан", "The document must be signed"),
    SIGNATURE_REFERENCE_INVALID("Қолтаңба бүкіл құжатты қамтымайды (сілтеме, түрлендірулер немесе бірнеше қолтаңба)",
            "Подпись не охватывает весь документ (ссылка, преобразования или несколько подписей)",
            "The signature does not cover the whole document (reference, transforms or several signatures)"),
    CERTIFICATE_UNKNOWN("Қолтаңба сертификаты тіркелмеген",
            "Сертификат подписи не зарегистрирован", "The signing certificate is not registered"),
    CERTIFICATE_EXPIRED("Қолтаңба сертификатының қолданылу мерзімі өтіп кеткен немесе әлі басталмаған",
            "Срок действия сертификата подписи истёк или ещё не наступил",
            "The signing certificate has expired or is not yet valid"),
    CERTIFICATE_REVOKED("Қолтаңба сертификаты кері қайтарып алынған",
            "Сертификат подписи отозван", "The signing certificate is revoked"),
    SIGNER_NOT_AGENCY("Құжатқа басқа органның кілтімен қол қойылған",
            "Документ подписан ключом другого органа", "The document is signed with another agency's key"),
    // schema
    SCHEMA_VIOLATION("Құжат өз схемасына сәйкес келмейді",
            "Документ не соответствует схеме", "The document does not match its schema"),
    // business rules
    UNKNOWN_AGENCY("Орган белгісіз",
            "Неизвестный орган", "Unknown agency"),
    AGENCY_MISMATCH("Құжат басқа органның атынан берілген",
            "Документ подан от имени другого органа", "The document names an agency other than the sender"),
    UNKNOWN_PLAN("Жоспар белгісіз",
            "Неизвестный план", "Unknown plan"),
    YEAR_OUT_OF_RANGE("Есепті жыл жоспардың қолданылу мерзімінен тыс",
            "Отчётный год вне срока действия плана", "Reporting year outside the plan's reporting years"),
    UNKNOWN_ITEM("Жоспар тармағы белгісіз",
            "Неизвестный пункт плана", "Unknown plan item"),
    ITEM_NOT_ASSIGNED("Орган бұл тармақтың орындаушысы емес",
            "Орган не является исполнителем пункта", "The agency is not responsible for this item"),
    ITEM_NOT_IN_FORCE("Тармақ есепті жылы қолданыста болмаған",
            "Пункт не действовал в отчётном году", "The item was not in force in the reporting year"),
    DUPLICATE_ITEM("Тармақ есепте бір реттен артық көрсетілген",
            "Пункт указан в отчёте более одного раза", "The item appears more than once in the report"),
    COMPLETION_DOCUMENT_MISSING("Орындалған тармақ үшін аяқтау туралы құжат көрсетілмеген",
            "Для исполненного пункта не указан документ о завершении",
            "A completed item needs its completion document"),
    NEGATIVE_EXPENSE("Шығыстар теріс сан бола алмайды",
            "Расходы не могут быть отрицательными", "Expenses cannot be negative"),
    FINANCING_NOT_PLANNED("Жоспарда бұл тармақты қаржыландыру көзделмеген (ескерту)",
            "План не предусматривает финансирования этого пункта (предупреждение)",
            "The plan foresees no financing for this item (warning)"),
    CORRECTION_TARGET_UNKNOWN("Түзетілетін есеп органның осы жылға қабылданған есептерінің арасында табылмады",
            "Исправляемый отчёт не найден среди принятых отчётов органа за этот год",
            "The corrected report is not an accepted report of this agency and year"),
    REPORT_ID_REUSED("Есеп сәйкестендіргіші басқа құжат үшін бұрын пайдаланылған",
            "Идентификатор отчёта уже использован для другого документа",
            "The report id was already used for a different document"),
    // mail
    UNKNOWN_SENDER("Жіберушінің мекенжайы тіркелмеген",
            "Адрес отправителя не зарегистрирован", "The sender address is not registered"),
    NO_DOCUMENT("Хатта құжат жоқ",
            "Письмо не содержит документов", "The mail carries no document"),
    ARCHIVE_REJECTED("Архив қабылданбады (шектеулер немесе кірістірілген архив)",
            "Архив отклонён (лимиты или вложенный архив)", "Archive refused (limits or nested archive)"),
    SENDER_NOT_AUTHENTICATED("Хат жіберушінің түпнұсқалығы расталмады (DKIM, SPF, DMARC немесе SMTP кіруі)",
            "Подлинность отправителя письма не подтверждена (DKIM, SPF, DMARC или вход SMTP)",
            "The mail's sender is not authenticated (DKIM, SPF, DMARC or SMTP login)"),
    ARCHIVE_LIMIT_EXCEEDED("Хат рұқсат етілген көлемнен немесе тіркемелер санынан асады",
            "Письмо превышает допустимый объём или число вложений",
            "The mail exceeds the size or attachment count limit");

    private final String messageKk;
    private final String messageRu;
    private final String messageEn;

    ErrorCode(String messageKk, String messageRu, String messageEn) {
        this.messageKk = messageKk;
        this.messageRu = messageRu;
        this.messageEn = messageEn;
    }

    /** The text in Kazakh (Cyrillic), as receipts carry it in {@code messageKk}. */
    public String messageKk() {
        return messageKk;
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

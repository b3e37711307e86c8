package kz.gov.safework.contract.reading;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import kz.gov.safework.contract.report.ItemEntry;
import kz.gov.safework.contract.report.ProgressReport;
import kz.gov.safework.contract.schema.ContractSchemas;
import kz.gov.safework.contract.schema.JsonSchemas;
import kz.gov.safework.contract.schema.SchemaErrors;
import kz.gov.safework.contract.validation.ErrorCode;
import kz.gov.safework.contract.validation.ValidationError;

/**
 * Reads a progress report in JSON: UTF-8 only (RFC 8259), checked strictly before parsing; parsed within
 * {@link SafeJson}'s limits; its {@code schema} member checked; validated against the JSON Schema, every
 * error with its JSON Pointer; then bound to the model.
 */
final class JsonReportReader {

    ReadResult read(byte[] bytes, int length) {
        int start = 0;
        if (length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            start = 3;
        } else if (length >= 2 && ((bytes[0] & 0xFF) == 0xFE || (bytes[0] & 0xFF) == 0xFF || bytes[0] == 0 || bytes[1] == 0)) {
            return Results.failed(DocumentFormat.JSON, SchemaErrors.of(ErrorCode.ENCODING_INVALID, "",
                    "JSON documents must be UTF-8; this one looks like UTF-16 or UTF-32"));
        }
        int invalidAt = invalidUtf8Offset(bytes, start, length);
        if (invalidAt >= 0) {
            return Results.failed(DocumentFormat.JSON, SchemaErrors.of(ErrorCode.ENCODING_INVALID, "",
                    "bytes not valid in UTF-8 at byte offset " + invalidAt));
        }

        JsonNode root;
        try {
            root = SafeJson.reader().readTree(bytes, start, length - start);
        } catch (JsonProcessingException e) {
            ErrorCode code = isLimit(e) ? ErrorCode.JSON_LIMIT_EXCEEDED : ErrorCode.MALFORMED_JSON;
            String detail = e.getOriginalMessage().replaceAll("\\[Source: [^;\\]]*; ", "[")
                    + (e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
            String[] ids = idsByStreaming(bytes, start, length);
            return new ReadResult(DocumentFormat.JSON, null, List.of(SchemaErrors.of(code, pointer(e), detail)),
                    Results.echoedReportId(ids[0]), Results.echoedAgency(ids[1]), Results.echoedYear(ids[2]));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading a byte array: cannot happen
        }

        List<ValidationError> invalidText = new ArrayList<>();
        invalidCharacters(root, "", invalidText);
        if (!invalidText.isEmpty()) {
            String[] ids = idsByStreaming(bytes, start, length);
            return new ReadResult(DocumentFormat.JSON, null, capped(invalidText),
                    Results.echoedReportId(ids[0]), Results.echoedAgency(ids[1]), Results.echoedYear(ids[2]));
        }

        JsonNode type = root.get(ContractSchemas.JSON_TYPE_MEMBER);
        if (type != null && type.isTextual() && !ContractSchemas.PROGRESS_REPORT_V1.equals(type.textValue())) {
            return Results.failed(DocumentFormat.JSON, SchemaErrors.of(ErrorCode.UNKNOWN_DOCUMENT_TYPE,
                    "/" + ContractSchemas.JSON_TYPE_MEMBER, "\"" + type.textValue()
                            + "\" is not a known document type; a progress report v1 says \""
                            + ContractSchemas.PROGRESS_REPORT_V1 + "\""));
        }

        List<ValidationError> errors = JsonSchemas.validate(JsonSchemas.PROGRESS_REPORT_V1, root);
        if (!errors.isEmpty()) {
            return new ReadResult(DocumentFormat.JSON, null, capped(errors),
                    Results.echoedReportId(text(root.get("reportId"))),
                    Results.echoedAgency(text(root.get("agency"))),
                    Results.echoedYear(text(root.get("year"))));
        }
        try {
            ProgressReport report = normalized(SafeJson.reader().treeToValue(root, ProgressReport.class));
            return new ReadResult(DocumentFormat.JSON, report, List.of(),
                    report.reportId(), report.agency(), report.year());
        } catch (JsonProcessingException e) {
            // the schema admits every value bound here; kept as an answer rather than a crash all the same
            return Results.failed(DocumentFormat.JSON,
                    SchemaErrors.violation(pointer(e), e.getOriginalMessage(), e.getOriginalMessage()));
        }
    }

    /** Ids compared as the XML form gives them: UUIDs in lower case, narratives without surrounding space. */
    private static ProgressReport normalized(ProgressReport r) {
        List<ItemEntry> items = new ArrayList<>(r.items().size());
        for (ItemEntry i : r.items()) {
            items.add(new ItemEntry(i.item(), i.status(), strip(i.narrativeRu()), strip(i.narrativeKk()),
                    i.completionDocument(), i.indicators(), i.expenses(), i.attachments()));
        }
        return new ProgressReport(lower(r.reportId()), r.agency(), r.plan(), r.year(), lower(r.correctionOf()),
                r.contact(), items);
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    private static String strip(String s) {
        return s == null ? null : s.strip();
    }

    /** Every string (member names too) holding a character no text may hold, with its JSON Pointer. */
    private static void invalidCharacters(JsonNode node, String pointer, List<ValidationError> errors) {
        if (node.isTextual()) {
            int at = TextCharacters.firstInvalid(node.textValue());
            if (at >= 0) {
                errors.add(SchemaErrors.of(ErrorCode.INVALID_CHARACTER, pointer, TextCharacters.describe(node.textValue(), at)));
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                invalidCharacters(node.get(i), pointer + "/" + i, errors);
            }
        } else if (node.isObject()) {
            var fields = node.fields();
            while (fields.hasNext()) {
                var field = fields.next();
                String name = field.getKey();
                String child = pointer + "/" + name.replace("~", "~0").replace("/", "~1");
                int at = TextCharacters.firstInvalid(name);
                if (at >= 0) {
                    errors.add(SchemaErrors.of(ErrorCode.INVALID_CHARACTER, child, TextCharacters.describe(name, at)));
                } else {
                    invalidCharacters(field.getValue(), child, errors);
                }
            }
        }
    }

    private static List<ValidationError> capped(List<ValidationError> errors) {
        if (errors.size() <= ReaderLimits.MAX_ERRORS) {
            return errors;
        }
        int more = errors.size() - ReaderLimits.MAX_ERRORS;
        List<ValidationError> shown = new ArrayList<>(errors.subList(0, ReaderLimits.MAX_ERRORS));
        shown.add(new ValidationError(ErrorCode.SCHEMA_VIOLATION, "",
                ErrorCode.SCHEMA_VIOLATION.messageRu() + ": ещё " + more + " ошибок не показано",
                ErrorCode.SCHEMA_VIOLATION.messageEn() + ": " + more + " more errors not listed"));
        return shown;
    }

    private static boolean isLimit(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StreamConstraintsException) {
                return true;
            }
        }
        return false;
    }

    /** Where the parser was when it failed, as a JSON Pointer. */
    private static String pointer(JsonProcessingException e) {
        if (e.getProcessor() instanceof JsonParser parser && parser.getParsingContext() != null) {
            return parser.getParsingContext().pathAsPointer().toString();
        }
        return "";
    }

    private static String text(JsonNode node) {
        return node != null && node.isValueNode() ? node.asText() : null;
    }

    /** Offset of the first byte that is not valid UTF-8, or -1. Decodes in small slices. */
    static int invalidUtf8Offset(byte[] bytes, int from, int to) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, from, to - from);
        CharBuffer out = CharBuffer.allocate(4096);
        while (true) {
            CoderResult result = decoder.decode(in, out, true);
            if (result.isError()) {
                return in.position();
            }
            if (result.isOverflow()) {
                out.clear();
            } else {
                break;
            }
        }
        out.clear();
        CoderResult flushed = decoder.flush(out);
        return flushed.isError() ? in.position() : -1;
    }

    /** reportId, agency and year from the top level of a document that did not parse, up to where it broke. */
    private static String[] idsByStreaming(byte[] bytes, int start, int length) {
        String[] ids = new String[3];
        try (JsonParser parser = SafeJson.reader().createParser(bytes, start, length - start)) {
            int depth = 0;
            String member = null;
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token.isStructStart()) {
                    depth++;
                } else if (token.isStructEnd()) {
                    depth--;
                } else if (token == JsonToken.FIELD_NAME) {
                    member = depth == 1 ? parser.currentName() : null;
                } else if (depth == 1 && member != null && token.isScalarValue()) {
                    switch (member) {
                        case "reportId" -> ids[0] = parser.getText();
                        case "agency" -> ids[1] = parser.getText();
                        case "year" -> ids[2] = parser.getText();
                        default -> {
                        }
                    }
                }
            }
        } catch (IOException e) {
            // stop at the first problem: what was read so far is all there is
        }
        return ids;
    }
}

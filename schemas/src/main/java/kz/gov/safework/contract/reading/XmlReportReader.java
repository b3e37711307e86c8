package kz.gov.safework.contract.reading;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.xml.validation.Schema;
import javax.xml.validation.ValidatorHandler;
import kz.gov.safework.contract.reading.XmlText.EncodingException;
import kz.gov.safework.contract.report.AttachmentRef;
import kz.gov.safework.contract.report.CompletionDocument;
import kz.gov.safework.contract.report.Contact;
import kz.gov.safework.contract.report.Expenses;
import kz.gov.safework.contract.report.Indicator;
import kz.gov.safework.contract.report.ItemEntry;
import kz.gov.safework.contract.report.ItemStatus;
import kz.gov.safework.contract.report.ProgressReport;
import kz.gov.safework.contract.schema.ContractSchemas;
import kz.gov.safework.contract.schema.SchemaErrors;
import kz.gov.safework.contract.validation.ErrorCode;
import kz.gov.safework.contract.validation.ValidationError;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;
import org.xml.sax.helpers.XMLFilterImpl;

/**
 * Reads a progress report in XML: decodes the bytes strictly, refuses DOCTYPE, parses with SAX and
 * validates in the same pass against the XSD, collecting every schema error with the path of the element it
 * concerns ({@code /progressReport/items/item[2]/status}), then maps the element tree onto the model.
 */
final class XmlReportReader {
    /** Elements that repeat in a report; their paths carry a 1-based position, as in XPath. */
    private static final Set<String> LISTED = Set.of("item", "indicator", "attachment");

    private final Schema schema;

    XmlReportReader(Schema schema) {
        this.schema = schema;
    }

    ReadResult read(byte[] bytes, int length) {
        String text;
        try {
            text = XmlText.decode(bytes, length);
        } catch (EncodingException e) {
            return Results.failed(DocumentFormat.XML, SchemaErrors.of(ErrorCode.ENCODING_INVALID, "", e.getMessage()));
        }
        if (XmlText.hasDoctype(text)) {
            return Results.failed(DocumentFormat.XML, ValidationError.of(ErrorCode.DOCTYPE_FORBIDDEN, ""));
        }

        Pass pass = new Pass(SafeXml.newValidatorHandler(schema));
        XMLReader reader = SafeXml.newXmlReader();
        reader.setContentHandler(pass);
        reader.setErrorHandler(new DefaultHandler() {
            @Override
            public void error(SAXParseException e) throws SAXException {
                throw e; // a recoverable well-formedness error is still not a document we accept
            }
        });
        try {
            reader.parse(new InputSource(new StringReader(text)));
        } catch (UnknownType e) {
            return Results.failed(DocumentFormat.XML,
                    SchemaErrors.of(ErrorCode.UNKNOWN_DOCUMENT_TYPE, "/" + e.localName, e.getMessage()));
        } catch (Stop e) {
            // the errors are in the pass; stopped early because of their number or the nesting depth
        } catch (SafeXml.ExternalResourceRefused e) {
            return Results.failed(DocumentFormat.XML, ValidationError.of(ErrorCode.DOCTYPE_FORBIDDEN, ""));
        } catch (SAXParseException e) {
            String message = String.valueOf(e.getMessage());
            ErrorCode code = message.contains("DOCTYPE") ? ErrorCode.DOCTYPE_FORBIDDEN
                    // Xerces: "An invalid XML character (Unicode: 0x1) was found ...", "Character reference "&#1" is an invalid XML character."
                    : message.contains("invalid XML character") ? ErrorCode.INVALID_CHARACTER
                    : ErrorCode.MALFORMED_XML;
            String detail = "line " + e.getLineNumber() + ", column " + e.getColumnNumber() + ": " + message;
            return pass.withIds(DocumentFormat.XML, null, List.of(SchemaErrors.of(code, pass.path(), detail)));
        } catch (SAXException e) {
            return pass.withIds(DocumentFormat.XML, null,
                    List.of(SchemaErrors.of(ErrorCode.MALFORMED_XML, pass.path(), e.getMessage())));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading a String: cannot happen
        }

        if (!pass.errors.isEmpty()) {
            return pass.withIds(DocumentFormat.XML, null, pass.errors);
        }
        try {
            return pass.withIds(DocumentFormat.XML, toReport(pass.root), List.of());
        } catch (NumberFormatException | DateTimeException e) {
            // the XSD admits every value mapped here; kept as an answer rather than a crash all the same
            return pass.withIds(DocumentFormat.XML, null,
                    List.of(SchemaErrors.violation("", e.getMessage(), e.getMessage())));
        }
    }

    // ---- the single SAX pass: element tree, paths, validation ----

    /** One element: its local name, its text (leaf elements only) and its child elements. */
    static final class Node {
        final String name;
        final Node parent;
        final String segment;
        final StringBuilder text = new StringBuilder();
        final List<Node> children = new ArrayList<>(4);
        private Map<String, Integer> seen;

        Node(String name, Node parent, String segment) {
            this.name = name;
            this.parent = parent;
            this.segment = segment;
        }

        int nextPosition(String childName) {
            if (seen == null) {
                seen = new HashMap<>();
            }
            return seen.merge(childName, 1, Integer::sum);
        }

        Node child(String childName) {
            for (Node child : children) {
                if (child.name.equals(childName)) {
                    return child;
                }
            }
            return null;
        }

        List<Node> all(String childName) {
            List<Node> found = new ArrayList<>();
            for (Node child : children) {
                if (child.name.equals(childName)) {
                    found.add(child);
                }
            }
            return found;
        }
    }

    /** Parsing stopped on purpose: too many errors, or too deep. */
    private static final class Stop extends SAXException {
        Stop() {
            super("stopped");
        }
    }

    /** The root element is not a progress report v1. */
    private static final class UnknownType extends SAXException {
        final String localName;

        UnknownType(String localName, String message) {
            super(message);
            this.localName = localName;
        }
    }

    /**
     * Builds the element tree and passes every SAX event on to the schema validator; as an {@link XMLFilterImpl}
     * it forwards the events it does not override by itself.
     */
    private static final class Pass extends XMLFilterImpl {
        final List<ValidationError> errors = new ArrayList<>();
        Node root;
        Node current;
        int depth;

        Pass(ValidatorHandler validator) {
            setContentHandler(validator);
            validator.setErrorHandler(new DefaultHandler() {
                @Override
                public void error(SAXParseException e) throws SAXException {
                    schemaError(e);
                }

                @Override
                public void fatalError(SAXParseException e) throws SAXException {
                    schemaError(e);
                }
            });
        }

        String path() {
            if (current == null) {
                return "";
            }
            Deque<String> segments = new ArrayDeque<>();
            for (Node n = current; n != null; n = n.parent) {
                segments.push(n.segment);
            }
            return "/" + String.join("/", segments);
        }

        void schemaError(SAXParseException e) throws SAXException {
            String message = String.valueOf(e.getMessage());
            int colon = message.indexOf(": ");
            String key = message.startsWith("cvc-") && colon > 0 ? message.substring(0, colon) : "";
            String detail = key.isEmpty() ? message : message.substring(colon + 2);
            String path = path();
            if (key.equals("cvc-type.3.1.3") && !errors.isEmpty() && errors.get(errors.size() - 1).path().equals(path)) {
                return; // restates the facet error just reported for the same element
            }
            add(SchemaErrors.violation(path, XsdMessages.russian(key) + " (" + detail + ")", detail));
        }

        void add(ValidationError error) throws Stop {
            errors.add(error);
            if (errors.size() >= ReaderLimits.MAX_ERRORS) {
                errors.add(new ValidationError(ErrorCode.SCHEMA_VIOLATION, "",
                        ErrorCode.SCHEMA_VIOLATION.messageRu() + ": перечислены первые " + ReaderLimits.MAX_ERRORS
                                + " ошибок, проверка прекращена",
                        ErrorCode.SCHEMA_VIOLATION.messageEn() + ": the first " + ReaderLimits.MAX_ERRORS
                                + " errors are listed, validation stopped"));
                throw new Stop();
            }
        }

        ReadResult withIds(DocumentFormat format, ProgressReport report, List<ValidationError> found) {
            if (report != null) {
                return new ReadResult(format, report, found, report.reportId(), report.agency(), report.year());
            }
            if (root == null) {
                return new ReadResult(format, null, found, null, null, null);
            }
            return new ReadResult(format, null, found,
                    Results.echoedReportId(leafText(root.child("reportId"))),
                    Results.echoedAgency(leafText(root.child("agency"))),
                    Results.echoedYear(leafText(root.child("year"))));
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
            if (current == null) {
                if (!ContractSchemas.PROGRESS_REPORT_V1.equals(uri)) {
                    throw new UnknownType(localName, "root element " + (uri.isEmpty() ? "" : "{" + uri + "}")
                            + localName + " in no known namespace; a progress report v1 is {"
                            + ContractSchemas.PROGRESS_REPORT_V1 + "}" + ContractSchemas.PROGRESS_REPORT_ROOT);
                }
                root = new Node(localName, null, localName);
                current = root;
            } else {
                String segment = LISTED.contains(localName)
                        ? localName + "[" + current.nextPosition(localName) + "]" : localName;
                Node node = new Node(localName, current, segment);
                current.text.setLength(0); // an element with children keeps no text
                current.children.add(node);
                current = node;
            }
            depth++;
            if (depth > ReaderLimits.XML_MAX_ELEMENT_DEPTH) {
                add(SchemaErrors.violation(path(),
                        "вложенность элементов глубже " + ReaderLimits.XML_MAX_ELEMENT_DEPTH,
                        "elements nested deeper than " + ReaderLimits.XML_MAX_ELEMENT_DEPTH));
                throw new Stop();
            }
            super.startElement(uri, localName, qName, atts);
        }

        @Override
        public void endElement(String uri, String localName, String qName) throws SAXException {
            super.endElement(uri, localName, qName);
            depth--;
            current = current.parent == null ? current : current.parent;
        }

        @Override
        public void characters(char[] ch, int start, int length) throws SAXException {
            // XML 1.0 itself refuses C0 controls (also as &#1;), U+FFFE and U+FFFF; the other non-characters it lets through.
            java.nio.CharBuffer chunk = java.nio.CharBuffer.wrap(ch, start, length);
            int at = TextCharacters.firstInvalid(chunk);
            if (at >= 0) {
                add(SchemaErrors.of(ErrorCode.INVALID_CHARACTER, path(), TextCharacters.describe(chunk, at)));
            }
            if (current != null && current.children.isEmpty()) {
                current.text.append(ch, start, length);
            }
            super.characters(ch, start, length);
        }
    }

    // ---- mapping a valid tree onto the model ----

    private static ProgressReport toReport(Node root) {
        Node contact = root.child("contact");
        List<ItemEntry> items = new ArrayList<>();
        for (Node item : root.child("items").all("item")) {
            items.add(toItem(item));
        }
        return new ProgressReport(
                token(root, "reportId").toLowerCase(Locale.ROOT),
                token(root, "agency"),
                token(root, "plan"),
                Integer.parseInt(token(root, "year")),
                lowerOrNull(token(root, "correctionOf")),
                new Contact(token(contact, "name"), token(contact, "position"),
                        token(contact, "email"), token(contact, "phone")),
                items);
    }

    private static ItemEntry toItem(Node item) {
        Node document = item.child("completionDocument");
        Node indicators = item.child("indicators");
        Node expenses = item.child("expenses");
        Node attachments = item.child("attachments");
        return new ItemEntry(
                token(item, "number"),
                ItemStatus.valueOf(token(item, "status")),
                narrative(item, "narrativeRu"),
                narrative(item, "narrativeKk"),
                document == null ? null : new CompletionDocument(token(document, "type"), token(document, "number"),
                        LocalDate.parse(token(document, "date")), token(document, "title")),
                indicators == null ? List.of() : indicators.all("indicator").stream()
                        .map(i -> new Indicator(token(i, "name"), token(i, "unit"), decimal(i, "value")))
                        .toList(),
                expenses == null ? null : new Expenses(decimal(expenses, "planned"), decimal(expenses, "actual"),
                        token(expenses, "source")),
                attachments == null ? List.of() : attachments.all("attachment").stream()
                        .map(a -> new AttachmentRef(token(a, "name"), token(a, "mediaType"), token(a, "sha256"),
                                Long.parseLong(token(a, "size"))))
                        .toList());
    }

    /** The text of a leaf element, white space collapsed as xs:token does; null when absent. */
    private static String token(Node parent, String name) {
        String text = leafText(parent.child(name));
        return text == null ? null : text.replaceAll("[ \\t\\r\\n]+", " ").strip();
    }

    private static String leafText(Node node) {
        return node == null ? null : node.text.toString();
    }

    /** Free text keeps its line breaks; only surrounding white space goes. */
    private static String narrative(Node parent, String name) {
        String text = leafText(parent.child(name));
        return text == null ? null : text.strip();
    }

    private static BigDecimal decimal(Node parent, String name) {
        String text = token(parent, name);
        return text == null ? null : new BigDecimal(text);
    }

    private static String lowerOrNull(String text) {
        return text == null ? null : text.toLowerCase(Locale.ROOT);
    }
}

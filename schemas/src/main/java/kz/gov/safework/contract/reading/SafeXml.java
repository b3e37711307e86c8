package kz.gov.safework.contract.reading;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Locale;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.ValidatorHandler;
import org.xml.sax.EntityResolver;
import org.xml.sax.SAXException;
import org.xml.sax.SAXNotRecognizedException;
import org.xml.sax.SAXNotSupportedException;
import org.xml.sax.XMLReader;

/**
 * JAXP set up for untrusted XML: no DOCTYPE at all (so no entity expansion, no external entities, no DTD),
 * no XInclude, no schema or DTD fetched from anywhere, secure processing limits on. Uses the JDK's own
 * parser ({@code newDefaultInstance}), whatever else is on the classpath, so the settings below are known
 * to apply. Use it for every XML the hub reads.
 */
public final class SafeXml {
    /** The features both parsers are built with: secure processing, and no DOCTYPE, external entity or DTD. */
    private static final Map<String, Boolean> REFUSALS = Map.of(
            XMLConstants.FEATURE_SECURE_PROCESSING, true,
            "http://apache.org/xml/features/disallow-doctype-decl", true,
            "http://xml.org/sax/features/external-general-entities", false,
            "http://xml.org/sax/features/external-parameter-entities", false,
            "http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    private static final String XERCES_LOCALE = "http://apache.org/xml/properties/locale";

    /** Refuses every external resource a document or schema might name. */
    private static final EntityResolver NO_ENTITIES = (publicId, systemId) -> {
        throw new SAXException("external entity refused: " + systemId);
    };

    /** How a SAX or DOM factory takes a feature: the two have no common type. */
    private interface Features {
        void set(String feature, boolean value) throws ParserConfigurationException, SAXException;
    }

    private static void refuseDoctypeAndExternals(Features factory) throws ParserConfigurationException, SAXException {
        for (Map.Entry<String, Boolean> feature : REFUSALS.entrySet()) {
            factory.set(feature.getKey(), feature.getValue());
        }
    }

    /** A namespace-aware, non-validating SAX parser that refuses DOCTYPE and every external resource. */
    public static SAXParser newSaxParser() {
        try {
            SAXParserFactory factory = SAXParserFactory.newDefaultInstance();
            factory.setNamespaceAware(true);
            factory.setValidating(false);
            factory.setXIncludeAware(false);
            refuseDoctypeAndExternals(factory::setFeature);
            SAXParser parser = factory.newSAXParser();
            parser.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            parser.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            parser.getXMLReader().setEntityResolver(NO_ENTITIES);
            return parser;
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("the JDK's XML parser refused a security setting", e);
        }
    }

    /**
     * A namespace-aware DOM builder with the same refusals as {@link #newSaxParser()}, for the few readers that
     * need a tree (XML-DSig verification).
     */
    public static DocumentBuilder newDocumentBuilder() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
            factory.setNamespaceAware(true);
            factory.setValidating(false);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            refuseDoctypeAndExternals(factory::setFeature);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setEntityResolver(NO_ENTITIES);
            return builder;
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("the JDK's XML parser refused a security setting", e);
        }
    }

    /** The reader of {@link #newSaxParser()}, for callers that drive SAX themselves. */
    public static XMLReader newXmlReader() {
        try {
            return newSaxParser().getXMLReader();
        } catch (SAXException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Compiles an XSD from the classpath; the schema may not import or include anything external. */
    public static Schema compileSchema(String classpathResource) {
        URL url = SafeXml.class.getClassLoader().getResource(classpathResource);
        if (url == null) {
            throw new IllegalArgumentException("no schema on the classpath at " + classpathResource);
        }
        try (InputStream in = url.openStream()) {
            SchemaFactory factory = SchemaFactory.newDefaultInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setResourceResolver((type, ns, publicId, systemId, baseUri) -> {
                throw new ExternalResourceRefused(systemId);
            });
            return factory.newSchema(new StreamSource(in, url.toExternalForm()));
        } catch (SAXException e) {
            throw new IllegalStateException("schema " + classpathResource + " does not compile: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A validator handler for one document: fetches nothing (schema location hints in the document are
     * ignored), reports in English so that the detail of an error does not depend on the server's locale.
     */
    public static ValidatorHandler newValidatorHandler(Schema schema) {
        ValidatorHandler handler = schema.newValidatorHandler();
        try {
            handler.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            handler.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            handler.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        } catch (SAXNotRecognizedException | SAXNotSupportedException e) {
            throw new IllegalStateException("the JDK's schema validator refused a security setting", e);
        }
        try {
            handler.setProperty(XERCES_LOCALE, Locale.ENGLISH);
        } catch (SAXNotRecognizedException | SAXNotSupportedException e) {
            // older JDKs: messages follow the default locale, which only changes the wording of details
        }
        handler.setResourceResolver((type, ns, publicId, systemId, baseUri) -> {
            throw new ExternalResourceRefused(systemId);
        });
        return handler;
    }

    /** Thrown where JAXP asks for an external resource (a schema, an entity): nothing is ever fetched. */
    public static final class ExternalResourceRefused extends RuntimeException {
        ExternalResourceRefused(String systemId) {
            super("external resource refused: " + systemId);
        }
    }

    private SafeXml() {
    }
}

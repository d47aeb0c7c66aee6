package io.cere.stack.storage.s3.xml;

import io.cere.stack.storage.s3.S3ErrorCode;
import io.cere.stack.storage.s3.S3Exception;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reads the XML request bodies of DeleteObjects and CompleteMultipartUpload. Document type
 * declarations are refused, so no entity can expand or reach outside the document.
 */
public final class S3XmlParser {

    /** The most keys one DeleteObjects request may name (as S3). */
    public static final int MAX_DELETE_KEYS = 1000;

    /** Parse errors become MalformedXML answers; the parser must not also print them. */
    private static final ErrorHandler SILENT =
            new ErrorHandler() {
                @Override
                public void warning(SAXParseException e) {}

                @Override
                public void error(SAXParseException e) throws SAXException {
                    throw e;
                }

                @Override
                public void fatalError(SAXParseException e) throws SAXException {
                    throw e;
                }
            };

    private S3XmlParser() {}

    /** What DeleteObjects asks for. */
    public record DeleteRequest(List<String> keys, boolean quiet) {}

    /** One {@code <Part>} of a CompleteMultipartUpload body, ETag without quotes. */
    public record CompletedPart(int partNumber, String etag) {}

    public static DeleteRequest deleteRequest(byte[] body) throws S3Exception {
        Element root = parse(body, "Delete");
        List<String> keys = new ArrayList<>();
        boolean quiet = false;
        for (Element child : children(root)) {
            switch (child.getLocalName()) {
                case "Quiet" -> quiet = Boolean.parseBoolean(child.getTextContent().strip());
                case "Object" -> keys.add(text(child, "Key"));
                default -> throw malformed("unexpected <" + child.getLocalName() + "> in <Delete>");
            }
        }
        if (keys.isEmpty()) {
            throw malformed("<Delete> names no <Object>");
        }
        if (keys.size() > MAX_DELETE_KEYS) {
            throw malformed(
                    "<Delete> names "
                            + keys.size()
                            + " objects; at most "
                            + MAX_DELETE_KEYS
                            + " are allowed");
        }
        return new DeleteRequest(keys, quiet);
    }

    public static List<CompletedPart> completedParts(byte[] body) throws S3Exception {
        Element root = parse(body, "CompleteMultipartUpload");
        List<CompletedPart> parts = new ArrayList<>();
        for (Element part : children(root)) {
            if (!part.getLocalName().equals("Part")) {
                throw malformed(
                        "unexpected <" + part.getLocalName() + "> in <CompleteMultipartUpload>");
            }
            String number = text(part, "PartNumber");
            int partNumber;
            try {
                partNumber = Integer.parseInt(number.strip());
            } catch (NumberFormatException e) {
                throw malformed("PartNumber '" + number + "' is not a number");
            }
            parts.add(new CompletedPart(partNumber, unquote(text(part, "ETag").strip())));
        }
        if (parts.isEmpty()) {
            throw malformed("<CompleteMultipartUpload> lists no <Part>");
        }
        return parts;
    }

    /** An ETag without its surrounding quotes, as clients send them either way. */
    public static String unquote(String etag) {
        String value = etag;
        if (value.startsWith("&quot;")) {
            value = value.substring(6);
        }
        if (value.endsWith("&quot;")) {
            value = value.substring(0, value.length() - 6);
        }
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        return value;
    }

    private static Element parse(byte[] body, String rootName) throws S3Exception {
        Document document;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(SILENT);
            document = builder.parse(new ByteArrayInputStream(body));
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser lacks a safety feature", e);
        } catch (SAXException | IOException e) {
            throw malformed(e.getMessage());
        }
        Element root = document.getDocumentElement();
        if (!rootName.equals(root.getLocalName())) {
            throw malformed(
                    "the root element is <" + root.getLocalName() + ">, not <" + rootName + ">");
        }
        return root;
    }

    private static List<Element> children(Element parent) {
        List<Element> children = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element) {
                children.add(element);
            }
        }
        return children;
    }

    private static String text(Element parent, String name) throws S3Exception {
        for (Element child : children(parent)) {
            if (child.getLocalName().equals(name)) {
                return child.getTextContent();
            }
        }
        throw malformed("<" + parent.getLocalName() + "> has no <" + name + ">");
    }

    private static S3Exception malformed(String detail) {
        return S3ErrorCode.MALFORMED_XML.exception(
                S3ErrorCode.MALFORMED_XML.defaultMessage() + " (" + detail + ")");
    }
}

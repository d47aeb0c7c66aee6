package io.cere.stack.launcher.storage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/** Reads the XML documents of the S3 API that {@link S3Client} asks for. */
final class S3Listings {

    /** One object of a listing. */
    record ListedObject(String key, long size, Instant lastModified) {}

    /** One page of ListObjectsV2; {@code nextContinuationToken} is null on the last page. */
    record Page(List<ListedObject> objects, String nextContinuationToken) {}

    /** The code and message of an {@code <Error>} answer. */
    record ErrorAnswer(String code, String message) {}

    private S3Listings() {}

    /** The bucket names of a ListAllMyBucketsResult. */
    static List<String> bucketNames(byte[] xml) throws IOException {
        List<String> names = new ArrayList<>();
        for (Element bucket : children(parse(xml).getDocumentElement(), "Buckets", "Bucket")) {
            names.add(text(bucket, "Name"));
        }
        return names;
    }

    /** The objects and continuation of a ListBucketResult (ListObjectsV2). */
    static Page objects(byte[] xml) throws IOException {
        Element root = parse(xml).getDocumentElement();
        List<ListedObject> objects = new ArrayList<>();
        for (Element content : directChildren(root, "Contents")) {
            try {
                objects.add(
                        new ListedObject(
                                text(content, "Key"),
                                Long.parseLong(text(content, "Size")),
                                Instant.parse(text(content, "LastModified"))));
            } catch (RuntimeException e) {
                throw new IOException("an object of the listing cannot be read: " + e, e);
            }
        }
        boolean truncated = "true".equals(optionalText(root, "IsTruncated"));
        String token = optionalText(root, "NextContinuationToken");
        if (truncated && (token == null || token.isEmpty())) {
            throw new IOException("the listing is truncated but has no NextContinuationToken");
        }
        return new Page(objects, truncated ? token : null);
    }

    /** What an error answer says; its status alone when it has no XML body (HEAD). */
    static ErrorAnswer error(byte[] body, int status) {
        if (body.length > 0) {
            try {
                Element root = parse(body).getDocumentElement();
                if (root.getTagName().equals("Error")) {
                    return new ErrorAnswer(
                            orDefault(optionalText(root, "Code"), "Error"),
                            orDefault(optionalText(root, "Message"), "(no message)"));
                }
            } catch (IOException e) {
                // not XML: say what the body says
            }
            String text = new String(body, java.nio.charset.StandardCharsets.UTF_8).strip();
            return new ErrorAnswer("Error", text.substring(0, Math.min(text.length(), 300)));
        }
        return new ErrorAnswer(
                status == 404 ? "NotFound" : "Error", "(no message: the answer had no body)");
    }

    private static Document parse(byte[] xml) throws IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(new ByteArrayInputStream(xml));
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException(
                    "the S3 API answered something that is not XML: " + e.getMessage(), e);
        }
    }

    private static List<Element> children(Element parent, String wrapper, String name) {
        List<Element> found = new ArrayList<>();
        for (Element middle : directChildren(parent, wrapper)) {
            found.addAll(directChildren(middle, name));
        }
        return found;
    }

    private static List<Element> directChildren(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node node = nodes.item(i);
            if (node instanceof Element element && element.getTagName().equals(name)) {
                found.add(element);
            }
        }
        return found;
    }

    private static String text(Element parent, String name) throws IOException {
        String text = optionalText(parent, name);
        if (text == null) {
            throw new IOException("<" + parent.getTagName() + "> has no <" + name + ">");
        }
        return text;
    }

    private static String optionalText(Element parent, String name) {
        List<Element> found = directChildren(parent, name);
        return found.isEmpty() ? null : found.get(0).getTextContent();
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}

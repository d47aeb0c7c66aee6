package io.cere.stack.storage.s3.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cere.stack.storage.s3.S3ErrorCode;
import io.cere.stack.storage.s3.S3Exception;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class S3XmlParserTest {

    @Test
    void readsDeleteObjectsWithNamespaceAndQuiet() throws S3Exception {
        S3XmlParser.DeleteRequest request =
                S3XmlParser.deleteRequest(
                        bytes(
                                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                                        + "<Delete xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                                        + "<Object><Key>a&amp;b</Key></Object>"
                                        + "<Object><Key>dir/c</Key><VersionId>null</VersionId></Object>"
                                        + "<Quiet>true</Quiet></Delete>"));
        assertThat(request.keys()).containsExactly("a&b", "dir/c");
        assertThat(request.quiet()).isTrue();
    }

    @Test
    void readsCompletedPartsWithQuotedOrBareEtags() throws S3Exception {
        assertThat(
                        S3XmlParser.completedParts(
                                bytes(
                                        "<CompleteMultipartUpload>"
                                                + "<Part><PartNumber>1</PartNumber><ETag>\"abc\"</ETag></Part>"
                                                + "<Part><ETag>&quot;def&quot;</ETag><PartNumber> 2 </PartNumber>"
                                                + "<ChecksumCRC32>x</ChecksumCRC32></Part>"
                                                + "<Part><PartNumber>3</PartNumber><ETag>ghi</ETag></Part>"
                                                + "</CompleteMultipartUpload>")))
                .containsExactly(
                        new S3XmlParser.CompletedPart(1, "abc"),
                        new S3XmlParser.CompletedPart(2, "def"),
                        new S3XmlParser.CompletedPart(3, "ghi"));
    }

    @Test
    void refusesMalformedDocuments() {
        assertMalformed("<Delete><Object><Key>a</Key></Object>");
        assertMalformed("<Delete></Delete>");
        assertMalformed("<Other><Object><Key>a</Key></Object></Other>");
        assertMalformed("<Delete><Object><Name>a</Name></Object></Delete>");
        assertMalformed("<Delete>" + "<Object><Key>k</Key></Object>".repeat(1001) + "</Delete>");
    }

    @Test
    void refusesDocumentTypeDeclarationsSoNoEntityCanExpand() {
        assertMalformed(
                "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                        + "<Delete><Object><Key>&x;</Key></Object></Delete>");
    }

    @Test
    void refusesPartNumbersThatAreNotNumbers() {
        assertThatThrownBy(
                        () ->
                                S3XmlParser.completedParts(
                                        bytes(
                                                "<CompleteMultipartUpload><Part><PartNumber>one</PartNumber>"
                                                        + "<ETag>a</ETag></Part></CompleteMultipartUpload>")))
                .isInstanceOfSatisfying(
                        S3Exception.class,
                        e -> assertThat(e.code()).isEqualTo(S3ErrorCode.MALFORMED_XML))
                .hasMessageContaining("'one'");
    }

    private static void assertMalformed(String xml) {
        assertThatThrownBy(() -> S3XmlParser.deleteRequest(bytes(xml)))
                .isInstanceOfSatisfying(
                        S3Exception.class,
                        e -> assertThat(e.code()).isEqualTo(S3ErrorCode.MALFORMED_XML));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

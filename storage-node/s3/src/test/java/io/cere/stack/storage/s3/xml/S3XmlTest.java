package io.cere.stack.storage.s3.xml;

import static org.assertj.core.api.Assertions.assertThat;

import io.cere.stack.storage.s3.catalog.BucketRecord;
import io.cere.stack.storage.s3.catalog.ListedObject;
import io.cere.stack.storage.s3.catalog.ObjectRecord;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class S3XmlTest {

    private static final long MAY_24_2013 = 1369353600000L;

    @Test
    void rendersErrorsAsS3Does() {
        assertThat(text(S3Xml.error("NoSuchKey", "The key <k> & more", "/b/k", "ABC123")))
                .isEqualTo(
                        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>NoSuchKey</Code>"
                                + "<Message>The key &lt;k&gt; &amp; more</Message>"
                                + "<Resource>/b/k</Resource><RequestId>ABC123</RequestId></Error>");
    }

    @Test
    void rendersListBucketsWithOwnerAndIsoDates() {
        assertThat(
                        text(
                                S3Xml.listBuckets(
                                        "admin", List.of(new BucketRecord("photos", MAY_24_2013)))))
                .contains(
                        "<ListAllMyBucketsResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">")
                .contains("<Owner><ID>admin</ID><DisplayName>admin</DisplayName></Owner>")
                .contains(
                        "<Bucket><Name>photos</Name><CreationDate>2013-05-24T00:00:00.000Z</CreationDate></Bucket>");
    }

    @Test
    void rendersListObjectsV2WithUrlEncodedKeysWhenAsked() {
        ObjectRecord record =
                new ObjectRecord(
                        "bafy", 5, "abc", "text/plain", Map.of(), Map.of(), MAY_24_2013, List.of());
        S3Xml.Listing listing =
                new S3Xml.Listing(
                        "b",
                        "a b/",
                        "/",
                        2,
                        true,
                        List.of(new ListedObject("a b/c&d", record)),
                        List.of("a b/e/"),
                        true);
        assertThat(text(S3Xml.listObjectsV2(listing, null, "tok", null)))
                .contains("<Name>b</Name><Prefix>a%20b/</Prefix><Delimiter>/</Delimiter>")
                .contains(
                        "<MaxKeys>2</MaxKeys><EncodingType>url</EncodingType><IsTruncated>true</IsTruncated>")
                .contains(
                        "<KeyCount>2</KeyCount><NextContinuationToken>tok</NextContinuationToken>")
                .contains(
                        "<Contents><Key>a%20b/c%26d</Key><LastModified>2013-05-24T00:00:00.000Z</LastModified>"
                                + "<ETag>&quot;abc&quot;</ETag><Size>5</Size><StorageClass>STANDARD</StorageClass></Contents>")
                .contains("<CommonPrefixes><Prefix>a%20b/e/</Prefix></CommonPrefixes>")
                .doesNotContain("<ContinuationToken>")
                .doesNotContain("<StartAfter>");
    }

    @Test
    void writesTheDefaultRegionAsAnEmptyLocation() {
        assertThat(text(S3Xml.location("us-east-1")))
                .endsWith(
                        "<LocationConstraint xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"></LocationConstraint>");
        assertThat(text(S3Xml.location("eu-west-1"))).contains(">eu-west-1</LocationConstraint>");
    }

    @Test
    void escapesControlCharactersAsReferences() {
        assertThat(new XmlWriter().start("K").text("a\u0001b").end().toString())
                .endsWith("<K>a&#x1;b</K>");
    }

    private static String text(byte[] xml) {
        return new String(xml, StandardCharsets.UTF_8);
    }
}

package io.cere.stack.launcher.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class S3ListingsTest {

    private static final String NS = "xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"";

    @Test
    void readsAPageAndItsContinuation() throws Exception {
        S3Listings.Page page =
                S3Listings.objects(
                        xml(
                                "<ListBucketResult "
                                        + NS
                                        + "><Name>files</Name><IsTruncated>true</IsTruncated>"
                                        + "<NextContinuationToken>t-2</NextContinuationToken>"
                                        + "<Contents><Key>a &amp; b</Key>"
                                        + "<LastModified>2026-11-21T10:00:00.000Z</LastModified>"
                                        + "<ETag>\"x\"</ETag><Size>42</Size></Contents>"
                                        + "</ListBucketResult>"));

        assertThat(page.objects())
                .containsExactly(
                        new S3Listings.ListedObject(
                                "a & b", 42, Instant.parse("2026-11-21T10:00:00Z")));
        assertThat(page.nextContinuationToken()).isEqualTo("t-2");
    }

    @Test
    void theLastPageHasNoContinuation() throws Exception {
        S3Listings.Page page =
                S3Listings.objects(
                        xml(
                                "<ListBucketResult><IsTruncated>false</IsTruncated>"
                                        + "<NextContinuationToken>ignored</NextContinuationToken>"
                                        + "</ListBucketResult>"));

        assertThat(page.objects()).isEmpty();
        assertThat(page.nextContinuationToken()).isNull();
    }

    @Test
    void readsBucketNames() throws Exception {
        assertThat(
                        S3Listings.bucketNames(
                                xml(
                                        "<ListAllMyBucketsResult "
                                                + NS
                                                + "><Buckets><Bucket><Name>a</Name></Bucket>"
                                                + "<Bucket><Name>b</Name></Bucket></Buckets>"
                                                + "</ListAllMyBucketsResult>")))
                .containsExactly("a", "b");
    }

    @Test
    void refusesADocumentWithADoctype() {
        assertThatThrownBy(
                        () ->
                                S3Listings.bucketNames(
                                        xml(
                                                "<!DOCTYPE x [<!ENTITY e SYSTEM"
                                                        + " \"file:///etc/passwd\">]><x>&e;</x>")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("not XML");
    }

    @Test
    void readsAnErrorOrSaysWhatTheAnswerWas() {
        assertThat(
                        S3Listings.error(
                                xml(
                                        "<Error><Code>NoSuchBucket</Code><Message>gone</Message></Error>"),
                                404))
                .isEqualTo(new S3Listings.ErrorAnswer("NoSuchBucket", "gone"));
        assertThat(S3Listings.error(new byte[0], 404).code()).isEqualTo("NotFound");
        assertThat(S3Listings.error(xml("plain text"), 500).message()).isEqualTo("plain text");
    }

    private static byte[] xml(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

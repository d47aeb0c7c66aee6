package io.cere.stack.storage.s3.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Canonical requests and signatures against AWS's SigV4 test suite (credentials AKIDEXAMPLE,
 * 2015-08-30T12:36:00Z, service "service", region us-east-1) and its published signatures.
 */
class CanonicalRequestTest {

    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final String TIMESTAMP = "20150830T123600Z";
    private static final CredentialScope SCOPE =
            new CredentialScope("20150830", "us-east-1", "service");
    private static final Map<String, List<String>> HEADERS =
            Map.of(
                    "host", List.of("example.amazonaws.com"),
                    "x-amz-date", List.of(TIMESTAMP));

    @Test
    void getVanilla() {
        String canonical = canonical("GET", "/", "");
        assertThat(canonical)
                .isEqualTo(
                        "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\n"
                                + "host;x-amz-date\n"
                                + Hex.EMPTY_SHA256);
        assertThat(sign(canonical))
                .isEqualTo("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
    }

    @Test
    void getVanillaQueryOrderKeyCaseSortsParameters() {
        assertThat(sign(canonical("GET", "/", "Param2=value2&Param1=value1")))
                .isEqualTo("b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500");
    }

    @Test
    void postVanilla() {
        assertThat(sign(canonical("POST", "/", "")))
                .isEqualTo("5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b");
    }

    @Test
    void getUtf8EncodesEachByteOfThePath() {
        String uri = AwsUriEncoding.encode("/\u1234", true);
        assertThat(uri).isEqualTo("/%E1%88%B4");
        assertThat(sign(canonical("GET", uri, "")))
                .isEqualTo("8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85");
    }

    @Test
    void headerValuesAreTrimmedAndInnerSpacesCollapsed() {
        assertThat(CanonicalRequest.canonicalValue(List.of("  a   b  c ", "d")))
                .isEqualTo("a b c,d");
    }

    @Test
    void queryIsEncodedAndSortedByNameThenValue() {
        assertThat(
                        CanonicalRequest.canonicalQuery(
                                QueryParameter.parse("b=2&a=x y&a=1&uploads&c=%2F+"),
                                name -> name.equals("c")))
                .isEqualTo("a=1&a=x%20y&b=2&uploads=");
    }

    private static String canonical(String method, String uri, String query) {
        return CanonicalRequest.text(
                method,
                uri,
                QueryParameter.parse(query),
                name -> false,
                HEADERS,
                List.of("host", "x-amz-date"),
                Hex.EMPTY_SHA256);
    }

    private static String sign(String canonical) {
        return SigningKey.derive(SECRET, SCOPE)
                .sign(CanonicalRequest.stringToSign(canonical, TIMESTAMP, SCOPE));
    }
}

package io.cere.stack.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class HttpServerPropertiesTest {

    @Test
    void boundsRequestTimeAndSetsNoDelayWhenTheUserSetNothing() {
        Properties properties = new Properties();

        HttpServerProperties.applyDefaults(properties);

        assertThat(properties)
                .containsEntry("sun.net.httpserver.maxReqTime", "30")
                .containsEntry("sun.net.httpserver.nodelay", "true")
                .hasSize(2);
        assertThat(HttpServerProperties.maxRequestTime(properties))
                .isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void keepsWhatTheUserSet() {
        Properties properties = new Properties();
        properties.setProperty("sun.net.httpserver.maxReqTime", "120");
        properties.setProperty("sun.net.httpserver.nodelay", "false");

        HttpServerProperties.applyDefaults(properties);

        assertThat(properties)
                .containsEntry("sun.net.httpserver.maxReqTime", "120")
                .containsEntry("sun.net.httpserver.nodelay", "false");
        assertThat(HttpServerProperties.maxRequestTime(properties))
                .isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void readsTheRequestTimeLimitAsTheJdkServerDoes() {
        assertThat(HttpServerProperties.maxRequestTime(limit("0"))).isNull();
        assertThat(HttpServerProperties.maxRequestTime(limit("-1"))).isNull();
        assertThat(HttpServerProperties.maxRequestTime(limit("thirty"))).isNull();
        assertThat(HttpServerProperties.maxRequestTime(new Properties())).isNull();
        assertThat(HttpServerProperties.maxRequestTime(limit("0x10")))
                .isEqualTo(Duration.ofSeconds(16));
    }

    private static Properties limit(String value) {
        Properties properties = new Properties();
        properties.setProperty("sun.net.httpserver.maxReqTime", value);
        return properties;
    }
}

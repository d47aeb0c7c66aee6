package io.cere.stack.functions.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoutingRulesTest {

    @TempDir Path dir;

    @Test
    void matchesExactAndGlobPatterns() {
        RoutingRule rule = new RoutingRule("shop*", "order.*", "events.orders");

        assertThat(rule.matches("shop", "order.created")).isTrue();
        assertThat(rule.matches("shop-eu", "order.")).isTrue();
        assertThat(rule.matches("myshop", "order.created")).isFalse();
        assertThat(rule.matches("shop", "orders")).isFalse();
        assertThat(new RoutingRule("a.b", "*", "t").matches("aXb", "x"))
                .as("a dot is a literal, not a regex wildcard")
                .isFalse();
    }

    @Test
    void routesToEachMatchingTopicOnce() {
        RoutingRules rules =
                new RoutingRules(
                        List.of(
                                new RoutingRule("*", "login", "events.logins"),
                                new RoutingRule("shop", "*", "events.shop"),
                                new RoutingRule("shop", "login", "events.logins")));

        assertThat(rules.topicsFor("shop", "login"))
                .containsExactly("events.logins", "events.shop");
        assertThat(rules.topicsFor("game", "score")).isEmpty();
        assertThat(rules.topics()).containsExactly("events.logins", "events.shop");
    }

    @Test
    void loadsRulesFromFile() throws Exception {
        Path file = dir.resolve("routes.json");
        Files.writeString(
                file,
                "{\"routes\": [{\"appId\": \"shop\", \"type\": \"order.*\", \"topic\": \"events.orders\"}]}");

        assertThat(RoutingRules.load(file).topicsFor("shop", "order.paid"))
                .containsExactly("events.orders");
    }

    @Test
    void rejectsRuleWithoutTopicNamingTheEntry() throws Exception {
        Path file = dir.resolve("routes.json");
        Files.writeString(
                file,
                "{\"routes\": [{\"appId\": \"a\", \"type\": \"b\", \"topic\": \"t\"}, {\"appId\": \"shop\", \"type\": \"x\"}]}");

        assertThatThrownBy(() -> RoutingRules.load(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("routes[1]")
                .hasMessageContaining("topic");
    }

    @Test
    void rejectsInvalidTopicName() {
        assertThatThrownBy(() -> new RoutingRule("a", "b", "bad topic!"))
                .hasMessageContaining("bad topic!")
                .hasMessageContaining("not a valid Kafka topic name");
    }

    @Test
    void rejectsFileThatIsNotJson() throws Exception {
        Path file = dir.resolve("routes.json");
        Files.writeString(file, "routes: []");

        assertThatThrownBy(() -> RoutingRules.load(file)).hasMessageContaining(file.toString());
    }
}

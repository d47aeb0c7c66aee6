package io.cere.stack.functions.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The routing rules of IngestJob: every valid event goes to the valid topic and, in addition, to
 * the topic of each rule it matches. Read from a JSON file:
 *
 * <pre>{@code
 * {"routes": [
 *   {"appId": "shop", "type": "order.*", "topic": "events.orders"},
 *   {"appId": "*", "type": "login", "topic": "events.logins"}
 * ]}
 * }</pre>
 */
public final class RoutingRules implements Serializable {

    private static final long serialVersionUID = 1L;

    private final List<RoutingRule> rules;

    public RoutingRules(List<RoutingRule> rules) {
        this.rules = List.copyOf(rules);
    }

    public static RoutingRules none() {
        return new RoutingRules(List.of());
    }

    /** Reads rules from a file, failing with a message that names the file and the bad entry. */
    public static RoutingRules load(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "cannot read routing rules " + file + ": " + e.getMessage(), e);
        }
        JsonNode routes = root == null ? null : root.get("routes");
        if (routes == null || !routes.isArray()) {
            throw new IllegalArgumentException(
                    "routing rules " + file + ": expected an object with an array \"routes\"");
        }
        List<RoutingRule> rules = new ArrayList<>();
        Iterator<JsonNode> it = routes.elements();
        for (int i = 0; it.hasNext(); i++) {
            JsonNode route = it.next();
            try {
                rules.add(
                        new RoutingRule(
                                text(route, "appId"), text(route, "type"), text(route, "topic")));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "routing rules " + file + ": routes[" + i + "]: " + e.getMessage(), e);
            }
        }
        return new RoutingRules(rules);
    }

    private static String text(JsonNode route, String field) {
        JsonNode value = route.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException(
                    "field '" + field + "' is required and must be a string");
        }
        return value.textValue();
    }

    /** The extra topics an event goes to, each once, in rule order. */
    public Set<String> topicsFor(String appId, String type) {
        Set<String> topics = null;
        for (RoutingRule rule : rules) {
            if (rule.matches(appId, type)) {
                if (topics == null) {
                    topics = new LinkedHashSet<>();
                }
                topics.add(rule.topic());
            }
        }
        return topics == null ? Set.of() : topics;
    }

    /** Every topic a rule names; they must exist before the job starts. */
    public Set<String> topics() {
        Set<String> topics = new LinkedHashSet<>();
        rules.forEach(rule -> topics.add(rule.topic()));
        return topics;
    }

    public List<RoutingRule> rules() {
        return rules;
    }

    @Override
    public String toString() {
        return rules.toString();
    }
}

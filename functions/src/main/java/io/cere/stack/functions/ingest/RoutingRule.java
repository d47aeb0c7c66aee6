package io.cere.stack.functions.ingest;

import java.io.Serializable;
import java.util.regex.Pattern;

/**
 * Sends events of matching {@code appId} and {@code type} to an extra topic. Patterns are exact
 * strings or globs where {@code *} matches any run of characters.
 */
public final class RoutingRule implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9._-]{1,249}");

    private final String appId;
    private final String type;
    private final String topic;
    private final Pattern appIdPattern;
    private final Pattern typePattern;

    public RoutingRule(String appId, String type, String topic) {
        this.appId = require("appId", appId);
        this.type = require("type", type);
        this.topic = require("topic", topic);
        if (!TOPIC.matcher(topic).matches() || topic.equals(".") || topic.equals("..")) {
            throw new IllegalArgumentException(
                    "routing rule topic '"
                            + topic
                            + "' is not a valid Kafka topic name (1-249 of [A-Za-z0-9._-])");
        }
        this.appIdPattern = glob(appId);
        this.typePattern = glob(type);
    }

    public boolean matches(String eventAppId, String eventType) {
        return appIdPattern.matcher(eventAppId).matches()
                && typePattern.matcher(eventType).matches();
    }

    public String appId() {
        return appId;
    }

    public String type() {
        return type;
    }

    public String topic() {
        return topic;
    }

    private static String require(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(
                    "routing rule field '" + field + "' is required and must not be empty");
        }
        return value;
    }

    private static Pattern glob(String glob) {
        String[] literals = glob.split("\\*", -1);
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < literals.length; i++) {
            if (i > 0) {
                regex.append(".*");
            }
            if (!literals[i].isEmpty()) {
                regex.append(Pattern.quote(literals[i]));
            }
        }
        return Pattern.compile(regex.toString());
    }

    @Override
    public String toString() {
        return "{appId=" + appId + ", type=" + type + " -> " + topic + "}";
    }
}

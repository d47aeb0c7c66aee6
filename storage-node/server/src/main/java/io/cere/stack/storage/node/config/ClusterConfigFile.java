package io.cere.stack.storage.node.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Set;

/**
 * Reads a {@link ClusterConfig} from the cluster file, a JSON object that every node of a cluster
 * is started with:
 *
 * <pre>{@code
 * {
 *   "k": 4,                          // data shards per segment (default 4)
 *   "m": 2,                          // parity shards per segment (default 2)
 *   "segmentSize": "1MiB",           // bytes or "64KiB", "1MiB" (default 1MiB)
 *   "peerTimeout": "5s",             // per call to a peer (default 5s)
 *   "startupTimeout": "30s",         // wait for peers at start (default 30s)
 *   "unreachablePeersAllowedAtStart": 0,   // 0..m (default 0)
 *   "scrub": {"bytesPerSecond": "32MiB", "interval": "1h"},   // interval "0s": on request only
 *   "nodes": [
 *     {"id": "node-1", "url": "http://127.0.0.1:9101"},
 *     {"id": "node-2", "url": "http://127.0.0.1:9102"}
 *   ]
 * }
 * }</pre>
 *
 * <p>Unknown fields are errors, so a misspelt setting is not silently left at its default. Each
 * node's own id, data directory and (optionally) listening port come from its command line.
 */
public final class ClusterConfigFile {

    private static final Set<String> TOP_LEVEL =
            Set.of(
                    "k",
                    "m",
                    "segmentSize",
                    "peerTimeout",
                    "startupTimeout",
                    "unreachablePeersAllowedAtStart",
                    "scrub",
                    "nodes");
    private static final Set<String> SCRUB = Set.of("bytesPerSecond", "interval");
    private static final Set<String> NODE = Set.of("id", "url");

    private ClusterConfigFile() {}

    public static ClusterConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ClusterConfigException(
                    "cluster file " + file.toAbsolutePath() + " does not exist");
        } catch (IOException e) {
            throw new ClusterConfigException(
                    "cannot read cluster file " + file.toAbsolutePath() + ": " + e, e);
        }
        return parse(text, "cluster file " + file);
    }

    /**
     * @param source what the text is, named in every error: {@code "cluster file c.json"}
     */
    public static ClusterConfig parse(String json, String source) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new ClusterConfigException(
                    source + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new ClusterConfigException(source + " must hold a JSON object");
        }
        rejectUnknown(root, TOP_LEVEL, "", source);
        ClusterConfig.Builder builder = ClusterConfig.builder().source(source);
        if (root.has("k")) {
            builder.k(integer(root, "k", source));
        }
        if (root.has("m")) {
            builder.m(integer(root, "m", source));
        }
        if (root.has("segmentSize")) {
            builder.segmentSize(size(root, "segmentSize", "segmentSize", source));
        }
        if (root.has("peerTimeout")) {
            builder.peerTimeout(duration(root, "peerTimeout", "peerTimeout", source));
        }
        if (root.has("startupTimeout")) {
            builder.startupTimeout(duration(root, "startupTimeout", "startupTimeout", source));
        }
        if (root.has("unreachablePeersAllowedAtStart")) {
            builder.unreachablePeersAllowedAtStart(
                    integer(root, "unreachablePeersAllowedAtStart", source));
        }
        JsonNode scrub = root.get("scrub");
        if (scrub != null) {
            if (!scrub.isObject()) {
                throw new ClusterConfigException(
                        source + ": scrub is " + scrub + "; expected an object");
            }
            rejectUnknown(scrub, SCRUB, "scrub.", source);
            if (scrub.has("bytesPerSecond")) {
                builder.scrubBytesPerSecond(
                        size(scrub, "bytesPerSecond", "scrub.bytesPerSecond", source));
            }
            if (scrub.has("interval")) {
                builder.scrubInterval(duration(scrub, "interval", "scrub.interval", source));
            }
        }
        JsonNode nodes = root.get("nodes");
        if (nodes == null || !nodes.isArray()) {
            throw new ClusterConfigException(
                    source
                            + ": nodes is "
                            + (nodes == null ? "missing" : nodes.toString())
                            + "; expected a list of {\"id\": ..., \"url\": ...}");
        }
        for (int i = 0; i < nodes.size(); i++) {
            JsonNode node = nodes.get(i);
            String where = "nodes[" + i + "]";
            if (!node.isObject()) {
                throw new ClusterConfigException(
                        source
                                + ": "
                                + where
                                + " is "
                                + node
                                + "; expected {\"id\": ..., \"url\": ...}");
            }
            rejectUnknown(node, NODE, where + ".", source);
            String id = text(node, "id", where + ".id", source);
            String url = text(node, "url", where + ".url", source);
            try {
                builder.member(id, new URI(url));
            } catch (URISyntaxException e) {
                throw new ClusterConfigException(
                        source
                                + ": "
                                + where
                                + ".url is '"
                                + url
                                + "' (node "
                                + id
                                + "), which is not a URL: "
                                + e.getMessage());
            }
        }
        return builder.build();
    }

    private static void rejectUnknown(
            JsonNode object, Set<String> known, String prefix, String source) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new ClusterConfigException(
                        source
                                + ": unknown setting "
                                + prefix
                                + name
                                + "; known here: "
                                + known.stream().sorted().toList());
            }
        }
    }

    private static int integer(JsonNode object, String name, String source) {
        JsonNode value = object.get(name);
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new ClusterConfigException(
                    source + ": " + name + " is " + value + "; expected a whole number");
        }
        return value.intValue();
    }

    private static String text(JsonNode object, String name, String field, String source) {
        JsonNode value = object.get(name);
        if (value == null || !value.isTextual()) {
            throw new ClusterConfigException(
                    source
                            + ": "
                            + field
                            + " is "
                            + (value == null ? "missing" : value.toString())
                            + "; expected a string");
        }
        return value.textValue();
    }

    private static long size(JsonNode object, String name, String field, String source) {
        JsonNode value = object.get(name);
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.longValue();
        }
        try {
            if (value.isTextual()) {
                return Quantities.parseSize(value.textValue());
            }
        } catch (IllegalArgumentException e) {
            throw new ClusterConfigException(source + ": " + field + ": " + e.getMessage());
        }
        throw new ClusterConfigException(
                source
                        + ": "
                        + field
                        + " is "
                        + value
                        + "; expected a byte count such as \"1MiB\"");
    }

    private static Duration duration(JsonNode object, String name, String field, String source) {
        JsonNode value = object.get(name);
        try {
            if (value.isTextual()) {
                return Quantities.parseDuration(value.textValue());
            }
        } catch (IllegalArgumentException e) {
            throw new ClusterConfigException(source + ": " + field + ": " + e.getMessage());
        }
        throw new ClusterConfigException(
                source + ": " + field + " is " + value + "; expected a duration such as \"5s\"");
    }
}

package io.cere.stack.launcher.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cere.stack.launcher.DataDirectory;
import io.cere.stack.servers.StorageCluster;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the local storage cluster answers, read from the cluster file the running stack wrote
 * ({@code storage/cluster.json}): the node URLs, in node order. Every node serves the native API
 * and the S3 API.
 */
public record StorageEndpoints(List<URI> nodes) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public StorageEndpoints {
        nodes = List.copyOf(nodes);
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("no storage node URLs");
        }
    }

    /**
     * The endpoints of the stack whose data directory is {@code dirs}.
     *
     * @throws IOException saying what to do when the stack has never been started there
     */
    public static StorageEndpoints of(DataDirectory dirs) throws IOException {
        Path file = dirs.storage().resolve(StorageCluster.CLUSTER_FILE);
        JsonNode cluster;
        try {
            cluster = JSON.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new IOException(
                    "there is no local storage cluster in "
                            + dirs.storage()
                            + " (no "
                            + StorageCluster.CLUSTER_FILE
                            + "): start one with `bin/cere local`, or name the nodes with"
                            + " --endpoint");
        }
        List<URI> nodes = new ArrayList<>();
        for (JsonNode node : cluster.path("nodes")) {
            nodes.add(URI.create(node.path("url").asText()));
        }
        if (nodes.isEmpty()) {
            throw new IOException(file + " lists no nodes");
        }
        return new StorageEndpoints(nodes);
    }

    /** The node S3 requests go to: the first. */
    public URI s3() {
        return nodes.get(0);
    }
}

package io.cere.stack.storage.node.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One node's settings: the cluster it belongs to, which member it is, where it keeps its data and
 * the port it listens on (by default the port of its own URL in the cluster file).
 */
public record NodeSettings(ClusterConfig cluster, ClusterMember self, Path dataDir, int port) {

    public NodeSettings {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(self, "self");
        Objects.requireNonNull(dataDir, "dataDir");
        if (port < 0 || port > 65535) {
            throw new ClusterConfigException(
                    "port is " + port + "; expected 0..65535 (0: any free port)");
        }
    }

    /**
     * @param port the port to listen on, or null for the port of the node's own URL
     * @throws ClusterConfigException when the cluster has no node {@code nodeId}
     */
    public static NodeSettings of(
            ClusterConfig cluster, String nodeId, Path dataDir, Integer port) {
        ClusterMember self =
                cluster.member(nodeId)
                        .orElseThrow(
                                () ->
                                        new ClusterConfigException(
                                                String.format(
                                                        "node id '%s' is not in the %s; it lists %s",
                                                        nodeId,
                                                        cluster.source(),
                                                        cluster.members().stream()
                                                                .map(ClusterMember::id)
                                                                .collect(
                                                                        Collectors.joining(
                                                                                ", ")))));
        int effectivePort = port != null ? port : defaultPort(self);
        return new NodeSettings(cluster, self, dataDir, effectivePort);
    }

    /** Every member but this node. */
    public List<ClusterMember> peers() {
        return cluster.members().stream().filter(member -> !member.equals(self)).toList();
    }

    /** The address to listen on: the host of the node's own URL. */
    public String host() {
        return self.url().getHost();
    }

    public String nodeId() {
        return self.id();
    }

    private static int defaultPort(ClusterMember self) {
        int port = self.url().getPort();
        if (port != -1) {
            return port;
        }
        return "https".equalsIgnoreCase(self.url().getScheme()) ? 443 : 80;
    }

    @Override
    public String toString() {
        return "node " + self.id() + " listening on " + host() + ":" + port() + ", data " + dataDir;
    }
}

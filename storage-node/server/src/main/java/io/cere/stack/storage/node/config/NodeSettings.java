package io.cere.stack.storage.node.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One node's settings: the cluster it belongs to, which member it is, where it keeps its data, the
 * port it listens on (by default the port of its own URL in the cluster file) and the cluster
 * secret its {@code /internal/} API requires, if any.
 *
 * <p>A node without a cluster secret answers {@code /internal/} to anyone who reaches its port, so
 * it is only allowed when every member is on loopback: one machine, reached by no one else.
 */
public record NodeSettings(
        ClusterConfig cluster,
        ClusterMember self,
        Path dataDir,
        int port,
        Optional<ClusterSecret> clusterSecret) {

    public NodeSettings {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(self, "self");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(clusterSecret, "clusterSecret");
        if (port < 0 || port > 65535) {
            throw new ClusterConfigException(
                    "port is " + port + "; expected 0..65535 (0: any free port)");
        }
    }

    /**
     * Settings without a cluster secret, for a cluster whose members are all on loopback.
     *
     * @param port the port to listen on, or null for the port of the node's own URL
     * @throws ClusterConfigException when the cluster has no node {@code nodeId}, or a member that
     *     is not on loopback
     */
    public static NodeSettings of(
            ClusterConfig cluster, String nodeId, Path dataDir, Integer port) {
        return of(cluster, nodeId, dataDir, port, null);
    }

    /**
     * @param port the port to listen on, or null for the port of the node's own URL
     * @param clusterSecret what peers must present on {@code /internal/}, or null for nothing
     *     (allowed only when every member is on loopback)
     * @throws ClusterConfigException when the cluster has no node {@code nodeId}, or there is no
     *     secret and a member is not on loopback
     */
    public static NodeSettings of(
            ClusterConfig cluster,
            String nodeId,
            Path dataDir,
            Integer port,
            ClusterSecret clusterSecret) {
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
        if (clusterSecret == null) {
            requireLoopback(cluster);
        }
        int effectivePort = port != null ? port : defaultPort(self);
        return new NodeSettings(
                cluster, self, dataDir, effectivePort, Optional.ofNullable(clusterSecret));
    }

    private static void requireLoopback(ClusterConfig cluster) {
        for (ClusterMember member : cluster.members()) {
            if (!member.isLoopback()) {
                throw new ClusterConfigException(
                        String.format(
                                "%s lists node %s at %s, which is not on loopback, and there is no"
                                        + " --cluster-secret: anyone reaching that address could"
                                        + " call the nodes' /internal/ API. Pass --cluster-secret"
                                        + " FILE, the same file to every node",
                                cluster.source(), member.id(), member.url()));
            }
        }
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
        return "node "
                + self.id()
                + " listening on "
                + host()
                + ":"
                + port()
                + ", data "
                + dataDir
                + ", /internal/ "
                + clusterSecret
                        .map(secret -> "requires " + secret)
                        .orElse("open (no cluster secret)");
    }
}

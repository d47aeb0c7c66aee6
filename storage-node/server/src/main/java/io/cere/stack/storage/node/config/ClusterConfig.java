package io.cere.stack.storage.node.config;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What every node of a cluster must agree on: the members, the erasure code ({@code k} data and
 * {@code m} parity shards per segment), the segment size, and the timeouts and scrub pace the nodes
 * run with. Built once at start (usually by {@link ClusterConfigFile}) and validated as a whole, so
 * a cluster that could not work is refused before it serves anything.
 */
public final class ClusterConfig {

    public static final int DEFAULT_K = 4;
    public static final int DEFAULT_M = 2;
    public static final long DEFAULT_SEGMENT_SIZE = 1 << 20;
    public static final long MIN_SEGMENT_SIZE = 1 << 10;
    public static final long MAX_SEGMENT_SIZE = 64 << 20;

    /** Reed-Solomon over GF(2^8) has 256 distinct evaluation points. */
    public static final int MAX_SHARDS = 256;

    public static final Duration DEFAULT_PEER_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(30);
    public static final long DEFAULT_SCRUB_BYTES_PER_SECOND = 32 << 20;
    public static final Duration DEFAULT_SCRUB_INTERVAL = Duration.ofHours(1);

    private static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final String source;
    private final int k;
    private final int m;
    private final int segmentSize;
    private final List<ClusterMember> members;
    private final Duration peerTimeout;
    private final Duration startupTimeout;
    private final int unreachablePeersAllowedAtStart;
    private final long scrubBytesPerSecond;
    private final Duration scrubInterval;

    private ClusterConfig(Builder builder) {
        this.source = builder.source;
        this.k = builder.k;
        this.m = builder.m;
        this.segmentSize = (int) builder.segmentSize;
        this.members = List.copyOf(builder.members);
        this.peerTimeout = builder.peerTimeout;
        this.startupTimeout = builder.startupTimeout;
        this.unreachablePeersAllowedAtStart = builder.unreachablePeersAllowedAtStart;
        this.scrubBytesPerSecond = builder.scrubBytesPerSecond;
        this.scrubInterval = builder.scrubInterval;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Where the settings came from, for messages: {@code "cluster file /etc/cere/cluster.json"}.
     */
    public String source() {
        return source;
    }

    /** Data shards per segment: any {@code k} of the {@code k + m} shards rebuild it. */
    public int k() {
        return k;
    }

    /** Parity shards per segment: how many nodes may be lost with every object still readable. */
    public int m() {
        return m;
    }

    public int shardsPerSegment() {
        return k + m;
    }

    /** The most bytes of an object coded together; objects are cut into segments of this size. */
    public int segmentSize() {
        return segmentSize;
    }

    /** Every node, in the order of the file. */
    public List<ClusterMember> members() {
        return members;
    }

    public Optional<ClusterMember> member(String id) {
        return members.stream().filter(member -> member.id().equals(id)).findFirst();
    }

    /** How long a call to a peer may take before the peer counts as unreachable for that call. */
    public Duration peerTimeout() {
        return peerTimeout;
    }

    /** How long a starting node waits for its peers to answer before it gives up. */
    public Duration startupTimeout() {
        return startupTimeout;
    }

    /**
     * How many peers may still be unreachable when the start-up wait ends; at most {@code m}, so a
     * cluster with a node that is down for good can still restart its others. 0 (the default) makes
     * a mistyped URL an error at start.
     */
    public int unreachablePeersAllowedAtStart() {
        return unreachablePeersAllowedAtStart;
    }

    /** How fast the scrubber reads local shards, so it never competes with clients for the disk. */
    public long scrubBytesPerSecond() {
        return scrubBytesPerSecond;
    }

    /** Time between the starts of two background scrub passes; zero scrubs only when asked. */
    public Duration scrubInterval() {
        return scrubInterval;
    }

    /**
     * A short digest of what nodes must agree on (members, k, m, segment size). Nodes compare it at
     * start, so two nodes started with different cluster files refuse to work together.
     */
    public String fingerprint() {
        String canonical =
                "k="
                        + k
                        + ";m="
                        + m
                        + ";segment="
                        + segmentSize
                        + ";"
                        + members.stream()
                                .map(member -> member.id() + "=" + normalize(member.url()))
                                .sorted()
                                .collect(Collectors.joining(";"));
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256")
                            .digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /** One line for the start-up log. */
    @Override
    public String toString() {
        return String.format(
                "%s: %d nodes [%s], k=%d m=%d (%d shards per segment, survives %d lost nodes),"
                        + " segment size %s, peer timeout %d ms, startup timeout %d s,"
                        + " unreachable peers allowed at start %d, scrub %s/s every %s",
                source,
                members.size(),
                members.stream().map(ClusterMember::toString).collect(Collectors.joining(", ")),
                k,
                m,
                k + m,
                m,
                Quantities.formatSize(segmentSize),
                peerTimeout.toMillis(),
                startupTimeout.toSeconds(),
                unreachablePeersAllowedAtStart,
                Quantities.formatSize(scrubBytesPerSecond),
                scrubInterval.isZero() ? "never (on request only)" : scrubInterval);
    }

    /** Scheme and host in lower case, the port spelled out, no trailing slash. */
    static String normalize(URI url) {
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        int port = url.getPort() != -1 ? url.getPort() : scheme.equals("https") ? 443 : 80;
        String path = url.getPath() == null ? "" : url.getPath();
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return scheme + "://" + url.getHost().toLowerCase(Locale.ROOT) + ":" + port + path;
    }

    /** Settings with defaults; only the members are required. */
    public static final class Builder {

        private String source = "cluster config";
        private int k = DEFAULT_K;
        private int m = DEFAULT_M;
        private long segmentSize = DEFAULT_SEGMENT_SIZE;
        private final List<ClusterMember> members = new ArrayList<>();
        private Duration peerTimeout = DEFAULT_PEER_TIMEOUT;
        private Duration startupTimeout = DEFAULT_STARTUP_TIMEOUT;
        private int unreachablePeersAllowedAtStart;
        private long scrubBytesPerSecond = DEFAULT_SCRUB_BYTES_PER_SECOND;
        private Duration scrubInterval = DEFAULT_SCRUB_INTERVAL;

        private Builder() {}

        /** Where the settings come from, named in every error: {@code "cluster file c.json"}. */
        public Builder source(String source) {
            this.source = source;
            return this;
        }

        public Builder k(int k) {
            this.k = k;
            return this;
        }

        public Builder m(int m) {
            this.m = m;
            return this;
        }

        public Builder segmentSize(long segmentSize) {
            this.segmentSize = segmentSize;
            return this;
        }

        public Builder member(String id, URI url) {
            members.add(new ClusterMember(id, url));
            return this;
        }

        public Builder members(List<ClusterMember> members) {
            this.members.addAll(members);
            return this;
        }

        public Builder peerTimeout(Duration peerTimeout) {
            this.peerTimeout = peerTimeout;
            return this;
        }

        public Builder startupTimeout(Duration startupTimeout) {
            this.startupTimeout = startupTimeout;
            return this;
        }

        public Builder unreachablePeersAllowedAtStart(int count) {
            this.unreachablePeersAllowedAtStart = count;
            return this;
        }

        public Builder scrubBytesPerSecond(long bytesPerSecond) {
            this.scrubBytesPerSecond = bytesPerSecond;
            return this;
        }

        public Builder scrubInterval(Duration scrubInterval) {
            this.scrubInterval = scrubInterval;
            return this;
        }

        /**
         * @throws ClusterConfigException naming the first setting that cannot work
         */
        public ClusterConfig build() {
            sanityCheck();
            return new ClusterConfig(this);
        }

        private void sanityCheck() {
            require(source != null && !source.isBlank(), "source", source, "a description");
            require(k >= 1, "k", k, "at least 1 data shard per segment");
            require(m >= 0, "m", m, "0 or more parity shards per segment");
            require(
                    k + m <= MAX_SHARDS,
                    "k+m",
                    (k + m) + " (k " + k + ", m " + m + ")",
                    "at most " + MAX_SHARDS + " shards per segment (Reed-Solomon over GF(2^8))");
            require(
                    segmentSize >= MIN_SEGMENT_SIZE && segmentSize <= MAX_SEGMENT_SIZE,
                    "segmentSize",
                    segmentSize,
                    Quantities.formatSize(MIN_SEGMENT_SIZE)
                            + ".."
                            + Quantities.formatSize(MAX_SEGMENT_SIZE));
            require(!members.isEmpty(), "nodes", "empty", "at least one node");
            checkMembers();
            require(
                    members.size() >= k + m,
                    "k+m",
                    (k + m) + " (k " + k + ", m " + m + ")",
                    "at most the number of nodes, since every shard of a segment goes to a"
                            + " different node; nodes lists "
                            + members.size()
                            + " ("
                            + members.stream()
                                    .map(ClusterMember::id)
                                    .collect(Collectors.joining(", "))
                            + ")");
            require(
                    isPositive(peerTimeout),
                    "peerTimeout",
                    peerTimeout,
                    "a positive duration such as 5s");
            require(
                    isPositive(startupTimeout),
                    "startupTimeout",
                    startupTimeout,
                    "a positive duration such as 30s");
            require(
                    unreachablePeersAllowedAtStart >= 0 && unreachablePeersAllowedAtStart <= m,
                    "unreachablePeersAllowedAtStart",
                    unreachablePeersAllowedAtStart,
                    "0.." + m + " (at most m: with more nodes gone some objects are unreadable)");
            require(
                    scrubBytesPerSecond >= 1,
                    "scrubBytesPerSecond",
                    scrubBytesPerSecond,
                    "a positive rate such as 32MiB");
            require(
                    scrubInterval != null && !scrubInterval.isNegative(),
                    "scrubInterval",
                    scrubInterval,
                    "a duration such as 1h, or 0s for on request only");
        }

        private void checkMembers() {
            Map<String, Integer> ids = new LinkedHashMap<>();
            Map<String, String> urls = new LinkedHashMap<>();
            for (int i = 0; i < members.size(); i++) {
                ClusterMember member = members.get(i);
                String where = "nodes[" + i + "]";
                require(
                        NODE_ID.matcher(member.id()).matches(),
                        where + ".id",
                        "'" + member.id() + "'",
                        "1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
                Integer earlier = ids.putIfAbsent(member.id(), i);
                if (earlier != null) {
                    throw new ClusterConfigException(
                            String.format(
                                    "%s: node id '%s' appears twice (nodes[%d] and nodes[%d]);"
                                            + " every node needs its own id",
                                    source, member.id(), earlier, i));
                }
                URI url = member.url();
                require(
                        url.isAbsolute()
                                && ("http".equalsIgnoreCase(url.getScheme())
                                        || "https".equalsIgnoreCase(url.getScheme()))
                                && url.getHost() != null
                                && url.getQuery() == null
                                && url.getFragment() == null,
                        where + ".url",
                        "'" + url + "' (node " + member.id() + ")",
                        "an http:// or https:// base URL with a host, such as"
                                + " http://127.0.0.1:9101");
                String owner = urls.putIfAbsent(normalize(url), member.id());
                if (owner != null) {
                    throw new ClusterConfigException(
                            String.format(
                                    "%s: url %s is given to both node %s and node %s; every node"
                                            + " needs its own address",
                                    source, url, owner, member.id()));
                }
            }
        }

        private static boolean isPositive(Duration duration) {
            return duration != null && !duration.isNegative() && !duration.isZero();
        }

        private void require(boolean ok, String field, Object value, String expected) {
            if (!ok) {
                throw new ClusterConfigException(
                        source + ": " + field + " is " + value + "; expected " + expected);
            }
        }
    }
}

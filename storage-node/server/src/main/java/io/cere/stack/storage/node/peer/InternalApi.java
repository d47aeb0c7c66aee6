package io.cere.stack.storage.node.peer;

/**
 * The paths and headers of the internal API nodes call on each other (operators also run a scrub
 * pass with {@code POST /internal/admin/scrub}). Not for clients: when the cluster has a secret,
 * every request under {@code /internal/} carries it as {@code Authorization: Bearer <secret>}, and
 * a node answers one without it 401 and one with another secret 403, before it reads the body. Only
 * {@code GET /internal/shards/{cid}} is open to all, as blob proofs send clients there. The secret
 * travels in clear over HTTP, so {@code /internal/} still belongs on a private network or behind
 * TLS.
 */
public final class InternalApi {

    /** {@code GET}: the node's id and cluster fingerprint, as JSON; what a starting node checks. */
    public static final String IDENTITY = "/internal/identity";

    /** {@code PUT} (201 once durable) and {@code GET} {@code /internal/shards/{cid}}. */
    public static final String SHARDS = "/internal/shards/";

    /** {@code PUT} (201 once durable) and {@code GET} {@code /internal/manifests/{object cid}}. */
    public static final String MANIFESTS = "/internal/manifests/";

    /**
     * {@code POST}: namespace and record; 201 when kept, 200 when an equal or newer one is held.
     */
    public static final String RECORDS_APPLY = "/internal/records/apply";

    /** {@code POST}: namespace and key; 200 with the record, or 404. */
    public static final String RECORDS_GET = "/internal/records/get";

    /** {@code POST}: namespace, prefix, start-after and limit; 200 with the records. */
    public static final String RECORDS_LIST = "/internal/records/list";

    /** {@code POST}: namespace, key and value; 200 with {@code true} or {@code false}. */
    public static final String RECORDS_PUT_IF_ABSENT = "/internal/records/put-if-absent";

    /** Which object, segment and shard index a shard sent with {@code PUT} belongs to. */
    public static final String OWNER_HEADER = "X-Cere-Shard-Owner";

    /** The node an internal request comes from, for logs. */
    public static final String FROM_HEADER = "X-Cere-From-Node";

    /** Carries {@code Bearer <cluster secret>}. */
    public static final String AUTHORIZATION_HEADER = "Authorization";

    /** Sent with a 401: the scheme and realm a caller must authenticate with. */
    public static final String CHALLENGE = "Bearer realm=\"cere-storage-cluster\"";

    private InternalApi() {}
}

package io.cere.stack.schemas.envelope;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/**
 * A structurally valid envelope, as {@link EnvelopeParser} accepts it: every field follows its
 * rule. Whether it is authentic is a separate question, answered by {@link #hasValidSignature()}.
 *
 * <p>Immutable and safe to share between threads. The Jackson nodes it hands out ({@link
 * #payload()}, {@link InnerEvent#payload()}) are views of the parsed tree: Jackson nodes cannot be
 * frozen, and copying every payload on every access would double the cost of ingestion, so treat
 * them as read-only and {@code deepCopy()} them to change them. {@link #json()} returns a copy.
 */
public final class EventEnvelope {

    /** The most events one batch envelope may carry. */
    public static final int MAX_BATCH_EVENTS = 10_000;

    private final ObjectNode json;
    private final String id;
    private final String appId;
    private final String accountId;
    private final String signatureHex;
    private final int version;
    private final String timestampText;
    private final Instant timestamp;
    private final String type;
    private final ObjectNode payload;
    private final List<InnerEvent> events;
    private final boolean batchMode;

    /** Computed on first use; racing threads compute the same bytes. */
    private volatile CanonicalJson.CanonicalEnvelope canonical;

    EventEnvelope(
            ObjectNode json,
            String id,
            String appId,
            String accountId,
            String signatureHex,
            int version,
            String timestampText,
            Instant timestamp,
            String type,
            ObjectNode payload,
            List<InnerEvent> events,
            boolean batchMode) {
        this.json = json;
        this.id = id;
        this.appId = appId;
        this.accountId = accountId;
        this.signatureHex = signatureHex;
        this.version = version;
        this.timestampText = timestampText;
        this.timestamp = timestamp;
        this.type = type;
        this.payload = payload;
        this.events = List.copyOf(events);
        this.batchMode = batchMode;
    }

    /** The envelope id, a UUID as the client wrote it. */
    public String id() {
        return id;
    }

    public String appId() {
        return appId;
    }

    /** The signer's Ed25519 public key as 64 lower-case hex characters. */
    public String accountId() {
        return accountId;
    }

    /** The signer's Ed25519 public key, 32 bytes (a fresh array). */
    public byte[] publicKey() {
        return Hex.decode(accountId);
    }

    /** The signature as 128 lower-case hex characters. */
    public String signatureHex() {
        return signatureHex;
    }

    /** The signature, 64 bytes (a fresh array). */
    public byte[] signature() {
        return Hex.decode(signatureHex);
    }

    /** The envelope format version; 1 when the envelope has no {@code version} member. */
    public int version() {
        return version;
    }

    /** The RFC 3339 timestamp exactly as signed. */
    public String timestampText() {
        return timestampText;
    }

    public Instant timestamp() {
        return timestamp;
    }

    /** Whether this is a batch envelope ({@code "_batchMode": true}) carrying {@link #events()}. */
    public boolean batchMode() {
        return batchMode;
    }

    /** The event type of a single envelope; {@code null} in batch mode. */
    public String type() {
        return type;
    }

    /** The payload of a single envelope (read-only, see above); {@code null} in batch mode. */
    public ObjectNode payload() {
        return payload;
    }

    /** The events of a batch envelope, in order; empty for a single envelope. */
    public List<InnerEvent> events() {
        return events;
    }

    /** A copy of the whole envelope as parsed, signature and unknown members included. */
    public ObjectNode json() {
        return json.deepCopy();
    }

    /**
     * The bytes the signature covers: the RFC 8785 canonical JSON of the envelope without its
     * {@code signature} member (a fresh array).
     */
    public byte[] signedContent() {
        return signedContentShared().clone();
    }

    /**
     * Whether {@link #signature()} is the account's Ed25519 signature of {@link #signedContent()}.
     */
    public boolean hasValidSignature() {
        return Ed25519.verify(publicKey(), signedContentShared(), signature());
    }

    /**
     * As {@link #hasValidSignature()}, with the account's decoded key taken from (or added to)
     * {@code keys}: the fast path for verifying a stream of events.
     */
    public boolean hasValidSignature(VerifyingKeys keys) {
        return keys.get(accountId).verify(signedContentShared(), signature());
    }

    /** The payload as RFC 8785 canonical JSON (single mode). */
    public String canonicalPayload() {
        if (batchMode) {
            throw new IllegalStateException("a batch envelope has no payload of its own");
        }
        return canonical().payloads()[0];
    }

    /** The payload of inner event {@code index} as RFC 8785 canonical JSON (batch mode). */
    public String canonicalPayload(int index) {
        if (!batchMode) {
            throw new IllegalStateException("a single-event envelope has no inner events");
        }
        return canonical().payloads()[index];
    }

    private byte[] signedContentShared() {
        return canonical().signedContent();
    }

    private CanonicalJson.CanonicalEnvelope canonical() {
        CanonicalJson.CanonicalEnvelope c = canonical;
        if (c == null) {
            c = CanonicalJson.canonicalEnvelope(json, EnvelopeSigner.SIGNATURE, batchMode);
            canonical = c;
        }
        return c;
    }

    @Override
    public String toString() {
        return "EventEnvelope[id="
                + id
                + ", appId="
                + appId
                + ", accountId="
                + accountId
                + (batchMode ? ", events=" + events.size() : ", type=" + type)
                + ", timestamp="
                + timestampText
                + "]";
    }
}

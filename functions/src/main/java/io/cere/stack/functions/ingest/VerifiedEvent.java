package io.cere.stack.functions.ingest;

/**
 * One event whose envelope parsed and whose signature verified, not yet checked for replays. A
 * batch envelope yields one per inner event.
 */
public class VerifiedEvent {

    public String id;
    public String appId;
    public String accountId;
    public String type;
    public String timestamp;
    public long eventTime;

    /** The payload as RFC 8785 canonical JSON. */
    public String payload;

    public String signature;
    public long receivedAt;
    public String clientIp;
    public boolean batchMode;
    public String batchId;

    /** Position in the batch, or -1 for a single event. */
    public int batchPosition = -1;

    /** The fingerprint of {@code (appId, id)} that replays are recognised by. */
    public ReplayKey replayKey;

    public String topic;
    public int partition;
    public long offset;

    public VerifiedEvent() {}

    /** What replays are recognised by: the same event id within the same app. */
    public ReplayKey replayKey() {
        if (replayKey == null) {
            replayKey = ReplayKey.of(appId, id);
        }
        return replayKey;
    }

    @Override
    public String toString() {
        return "VerifiedEvent{"
                + appId
                + "/"
                + id
                + (batchMode ? " batch " + batchId + "#" + batchPosition : "")
                + "}";
    }
}

package io.cere.stack.bench;

import io.cere.stack.schemas.envelope.Ed25519;
import io.cere.stack.schemas.envelope.EnvelopeParser;
import io.cere.stack.schemas.envelope.EventEnvelope;
import io.cere.stack.schemas.envelope.VerifyingKeys;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What one core does per envelope in IngestJob's hot path (parse, canonicalize, verify), next to
 * Bouncy Castle's bare Ed25519 verify of a message of the same size: the baseline IngestJob's
 * throughput target is stated against.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgs = {"-Xmx512m"})
public class SignatureBenchmark {

    private final EnvelopeParser parser = new EnvelopeParser();
    private final VerifyingKeys keys = new VerifyingKeys(16);
    private Ed25519.VerifyingKey decodedKey;
    private byte[] single;
    private byte[] batch;
    private byte[] publicKey;
    private byte[] message;
    private byte[] signature;

    @Setup
    public void setUp() throws Exception {
        SignedEnvelopes envelopes = new SignedEnvelopes(1);
        single = envelopes.single(Instant.now());
        batch = envelopes.batch(100, Instant.now());
        EventEnvelope parsed = parser.parse(single);
        publicKey = parsed.publicKey();
        message = parsed.signedContent();
        signature = parsed.signature();
        decodedKey = Ed25519.VerifyingKey.of(publicKey);
        Ed25519.KeyPair keys = Ed25519.generate(new SecureRandom());
        if (!Ed25519.verify(publicKey, message, signature)
                || Ed25519.verify(keys.publicKey(), message, signature)) {
            throw new IllegalStateException("benchmark envelope does not verify as expected");
        }
        System.out.println(
                "single envelope "
                        + single.length
                        + " bytes, batch envelope "
                        + batch.length
                        + " bytes; "
                        + new String(single, StandardCharsets.UTF_8).substring(0, 60)
                        + "...");
    }

    /** Baseline: Bouncy Castle's Ed25519 verify alone. */
    @Benchmark
    public boolean bouncyCastleVerify() {
        return Ed25519.verify(publicKey, message, signature);
    }

    /** Bouncy Castle's verify against a key decoded once (what a repeat account costs). */
    @Benchmark
    public boolean decodedKeyVerify() {
        return decodedKey.verify(message, signature);
    }

    /** One single-event envelope: parse, validate, canonicalize and verify, as IngestJob does. */
    @Benchmark
    public boolean singleEnvelopeParseAndVerify() throws Exception {
        return parser.parse(single).hasValidSignature(keys);
    }

    /** One batch envelope of 100 events: parse, validate, canonicalize and verify once. */
    @Benchmark
    public boolean batchEnvelopeParseAndVerify() throws Exception {
        return parser.parse(batch).hasValidSignature(keys);
    }
}

package io.cere.stack.launcher.keys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cere.stack.schemas.envelope.Ed25519;
import io.cere.stack.schemas.envelope.Hex;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Set;

/**
 * An account's Ed25519 key as {@code bin/cere keygen} stores it: a JSON file readable by its owner
 * only,
 *
 * <pre>{@code {"accountId": "<64 hex>", "publicKey": "<64 hex>", "privateKey": "<64 hex>"}}</pre>
 *
 * <p>The account id is the public key: it is what envelopes carry and what verifiers check
 * signatures against.
 */
public final class SigningKey {

    public static final Set<PosixFilePermission> OWNER_ONLY =
            PosixFilePermissions.fromString("rw-------");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Ed25519.KeyPair keyPair;

    public SigningKey(Ed25519.KeyPair keyPair) {
        this.keyPair = keyPair;
    }

    public String accountId() {
        return keyPair.publicKeyHex();
    }

    public byte[] privateKey() {
        return keyPair.privateKey();
    }

    public byte[] publicKey() {
        return keyPair.publicKey();
    }

    /** The file content; holds the private key. */
    public String toJson() {
        ObjectNode json = JSON.createObjectNode();
        json.put("accountId", accountId());
        json.put("publicKey", Hex.encode(keyPair.publicKey()));
        json.put("privateKey", Hex.encode(keyPair.privateKey()));
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a JSON tree", e);
        }
    }

    /**
     * Writes the key to {@code file}, readable and writable by the owner only from the moment it
     * exists (written to a private temporary file, then moved into place).
     *
     * @throws FileAlreadyExistsException if {@code file} exists and {@code overwrite} is false
     */
    public void writeTo(Path file, boolean overwrite) throws IOException {
        Path target = file.toAbsolutePath();
        if (!overwrite && Files.exists(target)) {
            throw new FileAlreadyExistsException(target.toString());
        }
        Path dir = target.getParent();
        Files.createDirectories(dir);
        Path partial =
                Files.createTempFile(
                        dir,
                        "." + target.getFileName(),
                        ".partial",
                        PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        try {
            Files.writeString(partial, toJson(), StandardCharsets.UTF_8);
            if (overwrite) {
                Files.move(
                        partial,
                        target,
                        StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } else {
                // A link fails if the target appeared meanwhile; a move would replace it.
                Files.createLink(target, partial);
            }
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /**
     * Reads a key file, checking that the public key and account id belong to the private key.
     *
     * @throws IllegalArgumentException naming the file and the field when the file is not a key
     * @throws NoSuchFileException when there is no such file
     */
    public static SigningKey readFrom(Path file) throws IOException {
        JsonNode json;
        try {
            json = JSON.readTree(Files.readAllBytes(file));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "key file " + file + " is not JSON: " + e.getOriginalMessage(), e);
        }
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException(
                    "key file " + file + " must hold a JSON object with privateKey");
        }
        byte[] privateKey = hexField(file, json, "privateKey", Ed25519.PRIVATE_KEY_BYTES);
        byte[] publicKey = Ed25519.publicKeyOf(privateKey);
        for (String field : new String[] {"publicKey", "accountId"}) {
            if (json.has(field)
                    && !Arrays.equals(
                            hexField(file, json, field, Ed25519.PUBLIC_KEY_BYTES), publicKey)) {
                throw new IllegalArgumentException(
                        "key file "
                                + file
                                + ": "
                                + field
                                + " is not the public key of privateKey (expected "
                                + Hex.encode(publicKey)
                                + ")");
            }
        }
        return new SigningKey(new Ed25519.KeyPair(privateKey, publicKey));
    }

    private static byte[] hexField(Path file, JsonNode json, String field, int bytes) {
        JsonNode value = json.get(field);
        String expected = "a string of " + (bytes * 2) + " hex characters";
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException(
                    "key file " + file + ": " + field + " is " + value + "; expected " + expected);
        }
        String text = value.textValue();
        byte[] decoded;
        try {
            decoded = Hex.decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "key file " + file + ": " + field + " is not hex (" + e.getMessage() + ")", e);
        }
        if (decoded.length != bytes) {
            throw new IllegalArgumentException(
                    "key file "
                            + file
                            + ": "
                            + field
                            + " has "
                            + text.length()
                            + " characters; expected "
                            + expected);
        }
        return decoded;
    }

    @Override
    public String toString() {
        return "SigningKey[accountId=" + accountId() + "]";
    }
}

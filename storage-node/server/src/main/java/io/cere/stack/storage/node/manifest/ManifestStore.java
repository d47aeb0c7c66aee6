package io.cere.stack.storage.node.manifest;

import io.cere.stack.storage.cas.Cid;
import io.cere.stack.storage.node.disk.DurableFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The manifests one node holds, durable on its disk under {@code manifests/<first digest byte>/} as
 * their DAG-CBOR bytes, named by the object CID. Every manifest is checked against its object CID
 * when stored and again when read; one that fails on read (damaged on disk) is deleted and reads as
 * missing, so the reader asks another copy.
 */
public final class ManifestStore {

    private static final Logger LOG = LoggerFactory.getLogger(ManifestStore.class);

    private final Path dir;

    private ManifestStore(Path dir) {
        this.dir = dir;
    }

    /** Opens the store under {@code dataDir}, deleting temporary files a crash left. */
    public static ManifestStore open(Path dataDir) throws IOException {
        Path dir = dataDir.resolve("manifests");
        Files.createDirectories(dir);
        DurableFiles.deleteTemporaries(dir);
        return new ManifestStore(dir);
    }

    /**
     * Stores the manifest of {@code object}, durably.
     *
     * @throws InvalidManifestException when the bytes are not a manifest of {@code object}
     */
    public Manifest put(Cid object, byte[] encoded) throws IOException {
        Manifest manifest = Manifest.decode(encoded, object);
        DurableFiles.write(file(object), encoded);
        return manifest;
    }

    /** The manifest's bytes, checked against {@code object}; empty when not here. */
    public Optional<byte[]> get(Cid object) throws IOException {
        Path file = file(object);
        byte[] encoded;
        try {
            encoded = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        try {
            Manifest.decode(encoded, object);
            return Optional.of(encoded);
        } catch (InvalidManifestException e) {
            LOG.warn("Deleting damaged manifest {}: {}", file, e.getMessage());
            DurableFiles.delete(file);
            return Optional.empty();
        }
    }

    private Path file(Cid object) {
        byte[] digest = object.multihash().digest();
        return dir.resolve(HexFormat.of().toHexDigits(digest[0])).resolve(object.toString());
    }
}

package io.cere.stack.storage.s3.testutils;

import io.cere.stack.storage.cas.Cid;
import io.cere.stack.storage.cas.CidHasher;
import io.cere.stack.storage.cas.HashAlgorithm;
import io.cere.stack.storage.cas.InvalidCidException;
import io.cere.stack.storage.cas.Multicodec;
import io.cere.stack.storage.s3.backend.BlobNotFoundException;
import io.cere.stack.storage.s3.backend.BlobStore;
import io.cere.stack.storage.s3.backend.BucketHashConflictException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A reference {@link BlobStore} for protocol tests of the S3 API: one file per blob in a directory,
 * named by its CID (CIDv1, base32, hashed with its bucket's algorithm), written to a temporary file
 * and renamed into place only when every byte has arrived. Reads hash the whole file and compare it
 * with the CID before returning any byte. It is not the storage node: no erasure coding, no
 * replication, no fsync.
 */
public final class DirectoryBlobStore implements BlobStore {

    private final Path directory;
    private final Map<String, HashAlgorithm> algorithms = new ConcurrentHashMap<>();

    public DirectoryBlobStore(Path directory) throws IOException {
        this.directory = Files.createDirectories(directory);
    }

    @Override
    public HashAlgorithm chooseHashAlgorithm(String bucket, HashAlgorithm algorithm)
            throws BucketHashConflictException {
        HashAlgorithm wanted = algorithm != null ? algorithm : HashAlgorithm.SHA2_256;
        HashAlgorithm chosen = algorithms.computeIfAbsent(bucket, b -> wanted);
        if (algorithm != null && chosen != algorithm) {
            throw new BucketHashConflictException(
                    "bucket '"
                            + bucket
                            + "' uses "
                            + chosen
                            + "; it cannot switch to "
                            + algorithm);
        }
        return chosen;
    }

    @Override
    public StoredBlob put(String bucket, InputStream data) throws IOException {
        CidHasher hasher = new CidHasher(Multicodec.RAW, chooseHashAlgorithm(bucket, null));
        Path temporary = Files.createTempFile(directory, "incoming-", ".tmp");
        long size = 0;
        try {
            try (OutputStream out = Files.newOutputStream(temporary)) {
                byte[] buffer = new byte[64 * 1024];
                int n;
                while ((n = data.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    hasher.update(buffer, 0, n);
                    size += n;
                }
            }
            return new StoredBlob(moveIntoPlace(temporary, hasher.cid()), size);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    @Override
    public StoredBlob putBlock(String bucket, Multicodec codec, byte[] block) throws IOException {
        if (codec == Multicodec.RAW || block.length == 0) {
            throw new IllegalArgumentException(
                    "a block is non-empty and has a codec other than raw");
        }
        Path temporary = Files.createTempFile(directory, "incoming-", ".tmp");
        try {
            Files.write(temporary, block);
            Cid cid = Cid.of(codec, chooseHashAlgorithm(bucket, null), block);
            return new StoredBlob(moveIntoPlace(temporary, cid), block.length);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    @Override
    public InputStream open(String bucket, String cid, long offset, long length)
            throws IOException {
        byte[] bytes = verified(cid);
        if (offset < 0 || length < 0 || offset + length > bytes.length) {
            throw new IOException(
                    "range "
                            + offset
                            + "+"
                            + length
                            + " lies outside blob "
                            + cid
                            + " of "
                            + bytes.length
                            + " bytes");
        }
        return new ByteArrayInputStream(bytes, (int) offset, (int) length);
    }

    @Override
    public long size(String bucket, String cid) throws IOException {
        return Files.size(file(cid));
    }

    /** How many blobs are stored. */
    public long count() throws IOException {
        try (var files = Files.list(directory)) {
            return files.filter(path -> path.getFileName().toString().startsWith("b")).count();
        }
    }

    private String moveIntoPlace(Path temporary, Cid cid) throws IOException {
        String name = cid.toString();
        try {
            Files.move(temporary, directory.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, directory.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
        return name;
    }

    private byte[] verified(String cid) throws IOException {
        Path file = file(cid);
        byte[] bytes = Files.readAllBytes(file);
        if (!Cid.parse(cid).verifies(bytes)) {
            throw new IOException("blob " + cid + " is corrupt: its bytes do not hash to its CID");
        }
        return bytes;
    }

    private Path file(String cid) throws BlobNotFoundException {
        try {
            Cid.parse(cid);
        } catch (InvalidCidException e) {
            throw new BlobNotFoundException("'" + cid + "' is not a CID: " + e.getMessage());
        }
        Path file = directory.resolve(cid);
        if (!Files.exists(file)) {
            throw new BlobNotFoundException("no blob " + cid);
        }
        return file;
    }

    @Override
    public String toString() {
        return "DirectoryBlobStore[" + directory + "]";
    }
}

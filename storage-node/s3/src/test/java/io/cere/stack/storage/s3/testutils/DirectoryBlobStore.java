package io.cere.stack.storage.s3.testutils;

import io.cere.stack.storage.s3.backend.BlobNotFoundException;
import io.cere.stack.storage.s3.backend.BlobStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * A reference {@link BlobStore} for protocol tests of the S3 API: one file per blob in a directory,
 * named by its CID (CIDv1, raw codec, sha2-256, base32), written to a temporary file and renamed
 * into place only when every byte has arrived. Reads hash the whole file and compare it with the
 * CID before returning any byte. It is not the storage node: no erasure coding, no replication, no
 * fsync.
 */
public final class DirectoryBlobStore implements BlobStore {

    private final Path directory;

    public DirectoryBlobStore(Path directory) throws IOException {
        this.directory = Files.createDirectories(directory);
    }

    @Override
    public StoredBlob put(String bucket, InputStream data) throws IOException {
        MessageDigest sha256 = sha256();
        Path temporary = Files.createTempFile(directory, "incoming-", ".tmp");
        long size = 0;
        try {
            try (OutputStream out = Files.newOutputStream(temporary)) {
                byte[] buffer = new byte[64 * 1024];
                int n;
                while ((n = data.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    sha256.update(buffer, 0, n);
                    size += n;
                }
            }
            String cid = rawCid(sha256.digest());
            try {
                Files.move(temporary, directory.resolve(cid), StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, directory.resolve(cid), StandardCopyOption.REPLACE_EXISTING);
            }
            return new StoredBlob(cid, size);
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
        Path file = file(cid);
        return Files.size(file);
    }

    /** How many blobs are stored. */
    public long count() throws IOException {
        try (var files = Files.list(directory)) {
            return files.filter(path -> path.getFileName().toString().startsWith("b")).count();
        }
    }

    private byte[] verified(String cid) throws IOException {
        byte[] bytes = Files.readAllBytes(file(cid));
        String actual = rawCid(sha256().digest(bytes));
        if (!actual.equals(cid)) {
            throw new IOException("blob " + cid + " is corrupt: its bytes hash to " + actual);
        }
        return bytes;
    }

    private Path file(String cid) throws BlobNotFoundException {
        if (!cid.matches("b[a-z2-7]+")) {
            throw new BlobNotFoundException("'" + cid + "' is not a base32 CID");
        }
        Path file = directory.resolve(cid);
        if (!Files.exists(file)) {
            throw new BlobNotFoundException("no blob " + cid);
        }
        return file;
    }

    /** CIDv1 (0x01), raw (0x55), multihash sha2-256 (0x12, 32 bytes), multibase base32 ('b'). */
    public static String rawCid(byte[] sha256) {
        byte[] cid = new byte[4 + sha256.length];
        cid[0] = 0x01;
        cid[1] = 0x55;
        cid[2] = 0x12;
        cid[3] = 0x20;
        System.arraycopy(sha256, 0, cid, 4, sha256.length);
        return "b" + base32(cid);
    }

    private static String base32(byte[] bytes) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        StringBuilder out = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(alphabet.charAt((buffer >> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(alphabet.charAt((buffer << (5 - bits)) & 31));
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "DirectoryBlobStore[" + directory + "]";
    }
}

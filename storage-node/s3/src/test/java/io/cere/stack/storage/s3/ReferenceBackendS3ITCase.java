package io.cere.stack.storage.s3;

import io.cere.stack.storage.s3.auth.AccessKey;
import io.cere.stack.storage.s3.auth.Credentials;
import io.cere.stack.storage.s3.backend.ActivityListener;
import io.cere.stack.storage.s3.testutils.DirectoryBlobStore;
import io.cere.stack.storage.s3.testutils.ReferenceS3Server;
import io.cere.stack.storage.s3.testutils.SortedMapMetadataIndex;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The S3 contract over this module's reference backend (a directory of blobs and a sorted map),
 * proving the protocol independently of the storage node.
 */
class ReferenceBackendS3ITCase extends S3ContractSuite {

    private static final AccessKey KEY = new AccessKey("contract-suite", "contract-suite-secret");
    private static final long MAX_OBJECT_SIZE = 64L * MIB;

    private ReferenceS3Server server;
    private DirectoryBlobStore blobs;

    @BeforeAll
    void startServer(@TempDir Path directory) throws Exception {
        blobs = new DirectoryBlobStore(directory);
        server =
                new ReferenceS3Server(
                        blobs,
                        new SortedMapMetadataIndex(),
                        ActivityListener.NONE,
                        Credentials.of(KEY),
                        S3Options.builder().maxObjectSize(MAX_OBJECT_SIZE).build());
    }

    @AfterAll
    void stopServer() throws Exception {
        server.close();
    }

    @Override
    protected URI endpoint() {
        return server.endpoint();
    }

    @Override
    protected AccessKey accessKey() {
        return KEY;
    }

    @Override
    protected byte[] blob(String bucket, String cid) throws Exception {
        try (InputStream in = blobs.open(bucket, cid, 0, blobs.size(bucket, cid))) {
            return in.readAllBytes();
        }
    }

    @Override
    protected long maxObjectSize() {
        return MAX_OBJECT_SIZE;
    }
}

package io.cere.stack.storage.node;

import io.cere.stack.storage.node.testutils.SoloNode;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;

/** The native API's contract against one storage node (k=1, m=0) in the test's JVM. */
class SingleNodeCasITCase extends CasApiContractSuite {

    @TempDir static Path dir;
    private StorageNode node;

    @Override
    protected void start() throws Exception {
        node = StorageNode.start(SoloNode.settings("single-node test cluster", dir, SEGMENT));
    }

    @AfterAll
    void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    @Override
    protected List<URI> nodes() {
        return List.of(node.uri());
    }

    @Override
    protected String nodeId(int index) {
        return SoloNode.ID;
    }
}

package io.cere.stack.servers;

import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The class path a storage node's JVM runs with: the node's own jar (or classes directory), the
 * jars its build listed in {@value #RESOURCE}, and an SLF4J backend (reload4j, as the broker's).
 *
 * <p>This module cannot depend on the node (the node's tests use this module), so the node is found
 * at run time: whoever starts nodes has {@code cere-storage-node} on its class path (a test
 * dependency, or the launcher's), and its jar carries the list of the jars it needs. The node's
 * classes are never loaded here; its JVM gets only this list.
 */
public final class StorageNodeClassPath {

    /** Written into the node's jar by its build (maven-dependency-plugin, runtime scope). */
    static final String RESOURCE = "/io/cere/stack/storage/node/storage-node.classpath";

    /** Written by this module's build: the SLF4J backend the nodes log through. */
    static final String LOGGING_RESOURCE = "/io/cere/stack/servers/storage-node-logging.classpath";

    private StorageNodeClassPath() {}

    /** The node's class path, found through this module's class loader. */
    public static List<Path> find() throws ServerStartException {
        return find(StorageNodeClassPath.class.getClassLoader());
    }

    /**
     * The node's class path, with the node found through {@code loader}.
     *
     * @throws ServerStartException when {@code cere-storage-node} is not on that class path, or
     *     names jars that do not exist on this machine
     */
    public static List<Path> find(ClassLoader loader) throws ServerStartException {
        URL resource = loader.getResource(RESOURCE.substring(1));
        if (resource == null) {
            throw new ServerStartException(
                    "The storage node is not on the class path: "
                            + RESOURCE
                            + " was not found. Add io.cere.stack:cere-storage-node as a"
                            + " dependency of whatever starts storage nodes");
        }
        List<Path> classPath = new ArrayList<>();
        classPath.add(codeLocation(resource));
        classPath.addAll(
                ClassPathFile.read(loader, RESOURCE, "The storage node", "cere-storage-node"));
        classPath.addAll(
                ClassPathFile.read(
                        StorageNodeClassPath.class.getClassLoader(),
                        LOGGING_RESOURCE,
                        "The storage node's logging",
                        "cere-servers"));
        return List.copyOf(classPath);
    }

    /** The jar or classes directory {@code resource} (a {@value #RESOURCE}) was found in. */
    static Path codeLocation(URL resource) throws ServerStartException {
        try {
            if ("jar".equals(resource.getProtocol())) {
                URL jar = ((JarURLConnection) resource.openConnection()).getJarFileURL();
                return Path.of(jar.toURI());
            }
            if ("file".equals(resource.getProtocol())) {
                Path file = Path.of(resource.toURI());
                Path root = file;
                for (int i = 0; i < Path.of(RESOURCE.substring(1)).getNameCount(); i++) {
                    root = root.getParent();
                }
                return root;
            }
        } catch (java.io.IOException | URISyntaxException e) {
            throw new ServerStartException(
                    "Cannot locate the storage node's jar from " + resource, e);
        }
        throw new ServerStartException(
                "The storage node's classes are at "
                        + resource
                        + "; expected a jar or a directory on the local file system");
    }
}

package io.cere.stack.servers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageNodeClassPathTest {

    private static final String ENTRY = StorageNodeClassPath.RESOURCE.substring(1);

    @TempDir Path dir;

    @Test
    void isTheNodesJarItsListedJarsAndALoggingBackend() throws Exception {
        Path a = Files.createFile(dir.resolve("a.jar"));
        Path b = Files.createFile(dir.resolve("b.jar"));
        Path nodeJar = dir.resolve("cere-storage-node.jar");
        writeJar(nodeJar, a + File.pathSeparator + b + "\n");

        List<Path> classPath = StorageNodeClassPath.find(loaderOf(nodeJar));

        assertThat(classPath).startsWith(nodeJar, a, b);
        assertThat(classPath.subList(3, classPath.size()))
                .isNotEmpty()
                .allSatisfy(jar -> assertThat(jar.getFileName().toString()).contains("reload4j"));
    }

    @Test
    void findsTheNodesClassesDirectoryToo() throws Exception {
        Path a = Files.createFile(dir.resolve("a.jar"));
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes.resolve(ENTRY).getParent());
        Files.writeString(classes.resolve(ENTRY), a.toString());

        assertThat(StorageNodeClassPath.find(loaderOf(classes))).startsWith(classes, a);
    }

    @Test
    void namesTheMissingDependencyWhenTheNodeIsNotOnTheClassPath() {
        assertThatThrownBy(() -> StorageNodeClassPath.find(loaderOf(dir)))
                .isInstanceOf(ServerStartException.class)
                .hasMessageContaining("io.cere.stack:cere-storage-node");
    }

    @Test
    void namesAListedJarThatIsNotOnThisMachine() throws Exception {
        Path nodeJar = dir.resolve("cere-storage-node.jar");
        writeJar(nodeJar, "/nowhere/gone.jar");

        assertThatThrownBy(() -> StorageNodeClassPath.find(loaderOf(nodeJar)))
                .isInstanceOf(ServerStartException.class)
                .hasMessageContaining("/nowhere/gone.jar, which does not exist")
                .hasMessageContaining("Rebuild cere-storage-node");
    }

    private static URLClassLoader loaderOf(Path entry) throws Exception {
        return new URLClassLoader(new URL[] {entry.toUri().toURL()}, null);
    }

    private static void writeJar(Path jar, String classPath) throws Exception {
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file)) {
            out.putNextEntry(new JarEntry(ENTRY));
            out.write(classPath.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
    }
}

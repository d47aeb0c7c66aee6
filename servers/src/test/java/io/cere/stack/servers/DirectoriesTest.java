package io.cere.stack.servers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoriesTest {

    @TempDir Path dir;

    private Path tree() throws Exception {
        Path root = Files.createDirectories(dir.resolve("root/a/b"));
        Files.writeString(root.resolve("file"), "x");
        Files.writeString(dir.resolve("root/top"), "y");
        return dir.resolve("root");
    }

    @Test
    void deleteRecursivelyRemovesTheTreeAndItsRoot() throws Exception {
        Path root = tree();

        Directories.deleteRecursively(root);

        assertThat(root).doesNotExist();
    }

    @Test
    void deleteContentsEmptiesTheDirectoryAndKeepsIt() throws Exception {
        Path root = tree();

        Directories.deleteContents(root);

        assertThat(root).isEmptyDirectory();
    }

    @Test
    void missingPathsAreNotAnError() throws Exception {
        Directories.deleteRecursively(dir.resolve("absent"));
        Directories.deleteContents(dir.resolve("absent"));

        assertThat(dir.resolve("absent")).doesNotExist();
    }
}

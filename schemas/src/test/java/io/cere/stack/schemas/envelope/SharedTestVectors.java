package io.cere.stack.schemas.envelope;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the test vectors shared between projects ({@code shared/testvectors}, a sibling of the
 * project root) by walking up from the working directory, so tests run from the module or the root.
 */
final class SharedTestVectors {

    private SharedTestVectors() {}

    /** The file at {@code relative} under {@code shared/testvectors}. */
    static Path file(String relative) {
        Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("testvectors").resolve(relative);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return fail(
                "cannot find shared/testvectors/%s in %s or any parent directory; the shared test"
                        + " vectors are expected beside the project root",
                relative, start);
    }
}

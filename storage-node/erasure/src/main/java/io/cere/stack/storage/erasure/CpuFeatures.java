package io.cere.stack.storage.erasure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The CPU's instruction-set flags as Linux reports them in {@code /proc/cpuinfo} (for example
 * {@code avx2}, {@code avx512bw}, {@code avx512vbmi}). The JVM picks its preferred vector width
 * from the widest registers, but whether byte shuffles are fast at that width depends on finer
 * flags that the Vector API does not expose.
 */
final class CpuFeatures {

    private static final Path CPUINFO = Path.of("/proc/cpuinfo");

    private CpuFeatures() {}

    /** The flags of the first CPU, or an empty set where {@code /proc/cpuinfo} is unavailable. */
    static Set<String> read() {
        try {
            return parse(Files.readAllLines(CPUINFO));
        } catch (IOException | SecurityException e) {
            return Set.of();
        }
    }

    /** The flags on the first {@code flags : ...} line of a cpuinfo listing. */
    static Set<String> parse(List<String> cpuinfoLines) {
        for (String line : cpuinfoLines) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equals("flags")) {
                return Arrays.stream(line.substring(colon + 1).trim().split("\\s+"))
                        .filter(flag -> !flag.isEmpty())
                        .collect(Collectors.toUnmodifiableSet());
            }
        }
        return Set.of();
    }
}

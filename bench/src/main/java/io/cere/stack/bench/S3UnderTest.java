package io.cere.stack.bench;

import java.net.URI;
import java.util.List;
import java.util.OptionalLong;

/** An S3 server the storage benchmark measures: where clients reach it and which JVMs it runs. */
interface S3UnderTest extends AutoCloseable {

    /** What it is, for the report's column heading: {@code "S3Proxy 2.7.0 (filesystem, 1 JVM)"}. */
    String description();

    /** Its S3 endpoints; client thread {@code t} uses endpoint {@code t % size}. */
    List<URI> endpoints();

    /** Its JVMs, whose CPU time the report shows. */
    List<ServerJvm> jvms();

    /** Waits until every endpoint serves S3 requests. */
    void awaitReady() throws Exception;

    /** CPU time all its JVMs have used so far; empty when any of them cannot be read. */
    default OptionalLong cpuNanos() {
        long total = 0;
        for (ServerJvm jvm : jvms()) {
            OptionalLong cpu = jvm.cpuNanos();
            if (cpu.isEmpty()) {
                return OptionalLong.empty();
            }
            total += cpu.getAsLong();
        }
        return OptionalLong.of(total);
    }

    /** Stops every JVM. */
    @Override
    void close();
}

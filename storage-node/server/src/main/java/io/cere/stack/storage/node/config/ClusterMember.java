package io.cere.stack.storage.node.config;

import java.net.URI;
import java.util.Objects;

/**
 * One node of the cluster as the cluster file names it: a stable id (what placement hashes, so
 * renaming a node moves its data) and the base URL peers and clients reach it at.
 */
public record ClusterMember(String id, URI url) {

    public ClusterMember {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(url, "url");
    }

    /** {@code url} with {@code path} appended: {@code resolve("/health")}. */
    public URI resolve(String path) {
        String base = url.toString();
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + path);
    }

    @Override
    public String toString() {
        return id + " (" + url + ")";
    }
}

package io.cere.stack.storage.s3.auth;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The access keys the S3 API accepts. Every key may do everything: there are no policies. */
public final class Credentials {

    private final Map<String, AccessKey> byId;

    private Credentials(Map<String, AccessKey> byId) {
        this.byId = byId;
    }

    /**
     * @throws IllegalArgumentException when there is no key, or two keys share an id
     */
    public static Credentials of(Collection<AccessKey> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("at least one access key is needed");
        }
        Map<String, AccessKey> byId = new LinkedHashMap<>();
        for (AccessKey key : keys) {
            if (byId.putIfAbsent(key.id(), key) != null) {
                throw new IllegalArgumentException("access key id '" + key.id() + "' is repeated");
            }
        }
        return new Credentials(byId);
    }

    public static Credentials of(AccessKey... keys) {
        return of(List.of(keys));
    }

    public Optional<AccessKey> find(String accessKeyId) {
        return Optional.ofNullable(byId.get(accessKeyId));
    }

    public List<AccessKey> keys() {
        return List.copyOf(byId.values());
    }

    @Override
    public String toString() {
        return "Credentials" + byId.keySet();
    }
}

package io.cere.stack.storage.s3;

import java.util.List;
import java.util.Locale;

/**
 * Which bucket and key a request addresses: virtual-host style when its host is {@code
 * <bucket>.<base domain>[:port]}, path style ({@code /<bucket>/<key>}) otherwise.
 *
 * @param bucket {@code null} for the service itself (ListBuckets)
 * @param key {@code ""} for the bucket itself
 */
record RequestAddress(String bucket, String key) {

    /**
     * @param host the Host header, or {@code null}
     * @param path the decoded path
     */
    static RequestAddress resolve(String host, String path, List<String> baseDomains) {
        String hostName = hostName(host);
        String rest = path.startsWith("/") ? path.substring(1) : path;
        for (String domain : baseDomains) {
            if (hostName.length() > domain.length() + 1 && hostName.endsWith("." + domain)) {
                String bucket = hostName.substring(0, hostName.length() - domain.length() - 1);
                return new RequestAddress(bucket, rest);
            }
        }
        if (rest.isEmpty()) {
            return new RequestAddress(null, "");
        }
        int slash = rest.indexOf('/');
        return slash < 0
                ? new RequestAddress(rest, "")
                : new RequestAddress(rest.substring(0, slash), rest.substring(slash + 1));
    }

    /** The host without its port, in lower case. */
    private static String hostName(String host) {
        if (host == null) {
            return "";
        }
        String name = host.strip().toLowerCase(Locale.ROOT);
        if (name.startsWith("[")) {
            int end = name.indexOf(']');
            return end < 0 ? name : name.substring(0, end + 1);
        }
        int colon = name.lastIndexOf(':');
        return colon < 0 ? name : name.substring(0, colon);
    }
}

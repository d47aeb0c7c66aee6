package io.cere.stack.storage.node.config;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One node of the cluster as the cluster file names it: a stable id (what placement hashes, so
 * renaming a node moves its data) and the base URL peers and clients reach it at.
 */
public record ClusterMember(String id, URI url) {

    private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");

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

    /**
     * Whether the URL's host is this machine's loopback: {@code localhost}, an address in {@code
     * 127.0.0.0/8} or {@code ::1}. Other names are not resolved, so they count as not loopback.
     */
    public boolean isLoopback() {
        String host = url.getHost();
        if (host == null) {
            return false;
        }
        if (host.toLowerCase(Locale.ROOT).equals("localhost")) {
            return true;
        }
        if (IPV4.matcher(host).matches()) {
            String[] octets = host.split("\\.");
            for (String octet : octets) {
                if (Integer.parseInt(octet) > 255) {
                    return false;
                }
            }
            return octets[0].equals("127");
        }
        if (!host.startsWith("[")) {
            return false;
        }
        try {
            // An IPv6 literal: parsed, never looked up.
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return id + " (" + url + ")";
    }
}

package io.cere.stack.storage.s3;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How the S3 API behaves on one node: the host names that address buckets virtual-host style, the
 * size limits, the region signatures are scoped to, and the clock signatures are checked against.
 * Immutable; built with {@link #builder()} and validated once in {@link Builder#build()}.
 */
public final class S3Options {

    /** Every part but the last must be at least this large (as S3). */
    public static final long MIN_PART_SIZE = 5L * 1024 * 1024;

    /** S3's largest single PUT and largest part. */
    public static final long DEFAULT_MAX_OBJECT_SIZE = 5L * 1024 * 1024 * 1024;

    public static final long DEFAULT_MAX_PART_SIZE = 5L * 1024 * 1024 * 1024;
    public static final String DEFAULT_REGION = "us-east-1";

    private static final Pattern REGION = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Pattern HOST_NAME =
            Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");

    private final List<String> baseDomains;
    private final long maxObjectSize;
    private final long maxPartSize;
    private final String region;
    private final Clock clock;

    private S3Options(Builder builder) {
        this.baseDomains = List.copyOf(builder.baseDomains);
        this.maxObjectSize = builder.maxObjectSize;
        this.maxPartSize = builder.maxPartSize;
        this.region = builder.region;
        this.clock = builder.clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static S3Options defaults() {
        return builder().build();
    }

    /**
     * Host names under which {@code <bucket>.<base domain>[:port]} addresses a bucket virtual-host
     * style; any other host is path style ({@code /<bucket>/<key>}).
     */
    public List<String> baseDomains() {
        return baseDomains;
    }

    /** The largest object: a PutObject body, a copy, or the sum of a multipart upload's parts. */
    public long maxObjectSize() {
        return maxObjectSize;
    }

    /** The largest UploadPart body. */
    public long maxPartSize() {
        return maxPartSize;
    }

    /** The region signatures must be scoped to and GetBucketLocation reports. */
    public String region() {
        return region;
    }

    public Clock clock() {
        return clock;
    }

    @Override
    public String toString() {
        return "S3Options{baseDomains="
                + baseDomains
                + ", maxObjectSize="
                + maxObjectSize
                + ", maxPartSize="
                + maxPartSize
                + ", region="
                + region
                + ", clock="
                + clock
                + "}";
    }

    /** Builds {@link S3Options}; every setter has a default. */
    public static final class Builder {
        private final List<String> baseDomains = new ArrayList<>();
        private long maxObjectSize = DEFAULT_MAX_OBJECT_SIZE;
        private long maxPartSize = DEFAULT_MAX_PART_SIZE;
        private String region = DEFAULT_REGION;
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /** Adds a base domain for virtual-host-style addressing, such as {@code s3.local}. */
        public Builder baseDomain(String domain) {
            baseDomains.add(Objects.requireNonNull(domain, "domain").toLowerCase(Locale.ROOT));
            return this;
        }

        public Builder maxObjectSize(long bytes) {
            this.maxObjectSize = bytes;
            return this;
        }

        public Builder maxPartSize(long bytes) {
            this.maxPartSize = bytes;
            return this;
        }

        public Builder region(String region) {
            this.region = Objects.requireNonNull(region, "region");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * @throws IllegalArgumentException naming the first option out of its range
         */
        public S3Options build() {
            for (String domain : baseDomains) {
                if (!HOST_NAME.matcher(domain).matches()) {
                    throw new IllegalArgumentException(
                            "base domain '"
                                    + domain
                                    + "' must be a host name such as s3.local, without port");
                }
            }
            if (maxObjectSize < 1) {
                throw new IllegalArgumentException(
                        "maxObjectSize must be at least 1 byte, was " + maxObjectSize);
            }
            if (maxPartSize < MIN_PART_SIZE) {
                throw new IllegalArgumentException(
                        "maxPartSize must be at least "
                                + MIN_PART_SIZE
                                + " bytes (S3's smallest part size), was "
                                + maxPartSize);
            }
            if (!REGION.matcher(region).matches()) {
                throw new IllegalArgumentException(
                        "region '"
                                + region
                                + "' must be 1 to 63 characters of a-z 0-9 -, such as us-east-1");
            }
            return new S3Options(this);
        }
    }
}

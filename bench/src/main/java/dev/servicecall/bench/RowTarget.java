package dev.servicecall.bench;

import dev.servicecall.spi.TransportConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where the clients of one row go: the kind of mechanism, its endpoint and, for ServiceCall rows,
 * the transport and name space. The harness hands it to each JMH fork as system properties
 * ({@link #toJvmArguments()}); the fork reads it back with {@link #fromSystemProperties()}.
 * Immutable.
 *
 * @param kind the mechanism
 * @param endpoint the NIO socket path, the RMI registry port, or empty for ServiceCall rows
 * @param transport the ServiceCall transport name, or empty for the baselines
 * @param namespace the ServiceCall name space ({@link TransportConfig#NAMESPACE}), or empty
 */
record RowTarget(Kind kind, String endpoint, String transport, String namespace) {
    static final String KIND = "bench.kind";
    static final String ENDPOINT = "bench.endpoint";
    static final String TRANSPORT = "bench.transport";

    /** The mechanisms a row can measure. */
    enum Kind {
        /** The JDK NIO Unix-domain-socket baseline; the service in its own process. */
        NIO,
        /** The Java RMI baseline on loopback; the service in its own process. */
        RMI,
        /** A ServiceCall transport whose service runs in its own process. */
        SERVICECALL,
        /** A ServiceCall transport that cannot leave the process (in-memory): service and client share it. */
        SERVICECALL_IN_PROCESS
    }

    RowTarget {
        Objects.requireNonNull(kind, "kind");
        endpoint = Objects.requireNonNullElse(endpoint, "");
        transport = Objects.requireNonNullElse(transport, "");
        namespace = Objects.requireNonNullElse(namespace, "");
    }

    /** The {@code -D} arguments that carry this target into a JMH fork. */
    List<String> toJvmArguments() {
        List<String> arguments = new ArrayList<>();
        arguments.add("-D" + KIND + "=" + kind.name());
        arguments.add("-D" + ENDPOINT + "=" + endpoint);
        arguments.add("-D" + TRANSPORT + "=" + transport);
        if (!namespace.isEmpty()) {
            arguments.add("-D" + TransportConfig.NAMESPACE + "=" + namespace);
        }
        return arguments;
    }

    /**
     * The target this JVM was started for.
     *
     * @throws IllegalStateException when the harness did not set {@value #KIND}
     */
    static RowTarget fromSystemProperties() {
        String kind = System.getProperty(KIND);
        if (kind == null || kind.isBlank()) {
            throw new IllegalStateException("-D" + KIND + " is not set: run the benchmarks through BenchMain (bench.sh),"
                    + " which starts the service processes and tells each fork where they are");
        }
        return new RowTarget(Kind.valueOf(kind), System.getProperty(ENDPOINT), System.getProperty(TRANSPORT),
                System.getProperty(TransportConfig.NAMESPACE));
    }
}

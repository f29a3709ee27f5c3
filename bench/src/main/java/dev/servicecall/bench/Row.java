package dev.servicecall.bench;

import java.util.Objects;

/**
 * One row of the table: what it measures and where its service runs.
 *
 * @param label the row's name in the table ({@code NIO}, {@code RMI}, or a transport name)
 * @param kind the mechanism
 * @param transport the ServiceCall transport name, empty for the baselines
 */
record Row(String label, RowTarget.Kind kind, String transport) {
    /** The NIO baseline's label. */
    static final String NIO = "NIO UDS (JDK)";
    /** The RMI baseline's label. */
    static final String RMI = "RMI loopback (JDK)";

    Row {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(kind, "kind");
        transport = Objects.requireNonNullElse(transport, "");
    }

    /** The NIO Unix-domain-socket baseline. */
    static Row nio() {
        return new Row(NIO, RowTarget.Kind.NIO, "");
    }

    /** The RMI loopback baseline. */
    static Row rmi() {
        return new Row(RMI, RowTarget.Kind.RMI, "");
    }

    /** A ServiceCall transport whose service runs in a process of its own. */
    static Row transport(String name) {
        return new Row(name, RowTarget.Kind.SERVICECALL, name);
    }

    /** A ServiceCall transport that cannot cross processes: its service runs in the client's JVM. */
    static Row inProcessTransport(String name) {
        return new Row(name, RowTarget.Kind.SERVICECALL_IN_PROCESS, name);
    }

    /** Whether the harness starts a service process for this row. */
    boolean hasServiceProcess() {
        return kind != RowTarget.Kind.SERVICECALL_IN_PROCESS;
    }

    /** Where the service runs, for the table. */
    String serviceLocation() {
        return hasServiceProcess() ? "own process" : "same process";
    }

    /** A name usable in file names. */
    String fileName() {
        return label.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }
}

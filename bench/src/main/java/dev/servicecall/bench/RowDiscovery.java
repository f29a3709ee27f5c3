package dev.servicecall.bench;

import dev.servicecall.spi.TransportProvider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides the rows of a run: the two baselines, then every transport provider on the class path
 * (the expected ones, {@code inmemory, jna, jnr}, in that order, then any other by name). An
 * expected transport that is missing or unavailable becomes a note instead of a row, never a
 * silent gap. A transport that cannot cross processes (in-memory) gets a row whose service runs
 * in the client's JVM. Stateless.
 */
final class RowDiscovery {
    /** The transports the project ships, in table order. */
    static final List<String> EXPECTED_TRANSPORTS = List.of("inmemory", "jna", "jnr");
    /** Transports whose service cannot run in another process. */
    static final Set<String> IN_PROCESS_ONLY = Set.of("inmemory");

    /** The rows, and why expected rows are absent. */
    record Plan(List<Row> rows, List<String> notes) {
    }

    private RowDiscovery() {
    }

    /**
     * Plans the rows from {@code providers}.
     *
     * @param only the row labels or transport names to keep ({@code nio}, {@code rmi}, transport
     *     names); empty for all
     */
    static Plan plan(List<TransportProvider> providers, Set<String> only) {
        List<Row> rows = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        if (wanted(only, "nio")) {
            rows.add(Row.nio());
        }
        if (wanted(only, "rmi")) {
            rows.add(Row.rmi());
        }
        Set<String> names = new LinkedHashSet<>(EXPECTED_TRANSPORTS);
        providers.stream().map(TransportProvider::name).sorted(Comparator.naturalOrder()).forEach(names::add);
        for (String name : names) {
            if (!wanted(only, name)) {
                continue;
            }
            TransportProvider provider = providers.stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
            if (provider == null) {
                notes.add(name + ": no row, the transport is not on the class path (module transport-" + name
                        + " not built into bench)");
            } else if (!provider.availability().isAvailable()) {
                notes.add(name + ": no row, the transport is " + provider.availability());
            } else {
                rows.add(IN_PROCESS_ONLY.contains(name) ? Row.inProcessTransport(name) : Row.transport(name));
            }
        }
        return new Plan(rows, notes);
    }

    private static boolean wanted(Set<String> only, String name) {
        return only.isEmpty() || only.contains(name);
    }
}

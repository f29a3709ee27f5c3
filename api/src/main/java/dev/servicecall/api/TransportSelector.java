package dev.servicecall.api;

import dev.servicecall.spi.Availability;
import dev.servicecall.spi.TransportProvider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;

/**
 * Picks a {@link TransportProvider}: an explicit name first, else the available provider of
 * highest priority (ties broken by name). No silent fallback: a named provider that is missing or
 * unavailable is an error, never replaced by another. Thread-safe and stateless.
 */
public final class TransportSelector {
    private final List<TransportProvider> providers;

    /** A selector over the given providers, in any order. */
    public TransportSelector(List<TransportProvider> providers) {
        this.providers = List.copyOf(providers);
    }

    /** A selector over the providers {@link ServiceLoader} finds with the context class loader. */
    public static TransportSelector fromServiceLoader() {
        List<TransportProvider> found = new ArrayList<>();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        for (TransportProvider provider : ServiceLoader.load(TransportProvider.class,
                loader != null ? loader : TransportSelector.class.getClassLoader())) {
            found.add(provider);
        }
        return new TransportSelector(found);
    }

    /** The providers this selector chooses from. */
    public List<TransportProvider> providers() {
        return providers;
    }

    /**
     * Selects a provider.
     *
     * @param explicitName the name asked for, or {@code null} to choose by priority
     * @throws TransportSelectionException when the name is unknown or unavailable, or when no
     *     provider is available; the message lists every provider and why it was rejected
     */
    public TransportProvider select(String explicitName) {
        if (explicitName != null && !explicitName.isBlank()) {
            for (TransportProvider provider : providers) {
                if (provider.name().equals(explicitName.trim())) {
                    Availability availability = provider.availability();
                    if (availability.isAvailable()) {
                        return provider;
                    }
                    throw new TransportSelectionException("transport '" + explicitName + "' was asked for but is "
                            + availability + ". " + inventory());
                }
            }
            throw new TransportSelectionException("transport '" + explicitName + "' was asked for but no provider has"
                    + " that name. " + inventory());
        }
        return providers.stream()
                .filter(provider -> provider.availability().isAvailable())
                .max(Comparator.comparingInt(TransportProvider::priority)
                        .thenComparing(TransportProvider::name, Comparator.reverseOrder()))
                .orElseThrow(() -> new TransportSelectionException("no ServiceCall transport is available. "
                        + inventory()));
    }

    private String inventory() {
        StringBuilder text = new StringBuilder();
        if (providers.isEmpty()) {
            text.append("No provider of dev.servicecall.spi.TransportProvider is on the class path.");
        } else {
            text.append("Providers seen:");
            for (TransportProvider provider : providers) {
                text.append("\n  - ").append(Objects.toString(provider.name())).append(" (priority ")
                        .append(provider.priority()).append(", ").append(provider.getClass().getName()).append("): ")
                        .append(provider.availability());
            }
        }
        text.append("\nAdd one transport artifact: dev.servicecall:servicecall-transport-jnr or -jna for calls between"
                + " processes, -inmemory for tests; pick one by name with -D" + ServiceCall.TRANSPORT_PROPERTY + "=NAME.");
        return text.toString();
    }
}

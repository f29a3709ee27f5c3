package dev.servicecall.reliability;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.servicecall.protocol.NativeTransportProvider;
import dev.servicecall.spi.Availability;
import dev.servicecall.spi.TransportProvider;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * Every native transport on the test class path (the providers that extend
 * {@link NativeTransportProvider}, found with {@link ServiceLoader}), so that each reliability
 * test runs against all of them: {@code @MethodSource("dev.servicecall.reliability.NativeTransports#present")}.
 */
final class NativeTransports {
    private NativeTransports() {
    }

    /** One native transport under test. Its child processes open the same provider class. */
    record NativeTransport(TransportProvider provider) {
        String name() {
            return provider.name();
        }

        String providerClass() {
            return provider.getClass().getName();
        }

        /** Skips the test, with the provider's own reason, when it cannot work on this machine. */
        void assumeAvailable() {
            Availability availability = provider.availability();
            assumeTrue(availability.isAvailable(), () -> name() + " is not available here: "
                    + availability.reason().orElse("") + availability.cause().map(c -> " (" + c + ")").orElse(""));
        }

        @Override
        public String toString() {
            return name();
        }
    }

    /**
     * The native transports present, by name.
     *
     * @throws IllegalStateException when there is none (the module depends on them: a build problem)
     */
    static List<NativeTransport> present() {
        List<NativeTransport> found = ServiceLoader.load(TransportProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(provider -> provider instanceof NativeTransportProvider)
                .sorted(Comparator.comparing(TransportProvider::name))
                .map(NativeTransport::new)
                .collect(Collectors.toList());
        if (found.isEmpty()) {
            throw new IllegalStateException("no native transport on the class path; the reliability module depends on them");
        }
        return found;
    }
}

package dev.servicecall.typed;

import dev.servicecall.api.ServiceRegistration;
import java.util.List;

/**
 * The routines registered for one exported implementation ({@link TypedServiceCall#export}): one
 * {@link ServiceRegistration} per routine method, in routine-name order. Closing it unregisters
 * them all, as {@code ScUnregisterServiceRoutine} does each: at once, without waiting for calls
 * in flight. Thread-safe.
 */
public final class TypedExport implements AutoCloseable {
    private final Class<?> type;
    private final List<ServiceRegistration> registrations;

    TypedExport(Class<?> type, List<ServiceRegistration> registrations) {
        this.type = type;
        this.registrations = List.copyOf(registrations);
    }

    /** The exported interface. */
    public Class<?> type() {
        return type;
    }

    /** One registration per routine method, in routine-name order. */
    public List<ServiceRegistration> registrations() {
        return registrations;
    }

    /** Whether every routine of the export is still registered. */
    public boolean isRegistered() {
        for (ServiceRegistration registration : registrations) {
            if (!registration.isRegistered()) {
                return false;
            }
        }
        return true;
    }

    /** Unregisters every routine still registered. Idempotent; never throws. */
    @Override
    public void close() {
        for (ServiceRegistration registration : registrations) {
            registration.close();
        }
    }

    /** e.g. {@code export of Calculator [ServerPlusInt, ServerDecInt]}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("export of ").append(type.getSimpleName()).append(" [");
        for (int i = 0; i < registrations.size(); i++) {
            text.append(i == 0 ? "" : ", ").append(registrations.get(i).name());
        }
        return text.append(']').toString();
    }
}

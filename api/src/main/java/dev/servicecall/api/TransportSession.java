package dev.servicecall.api;

import dev.servicecall.spi.CallRequest;
import dev.servicecall.spi.NtStatus;
import dev.servicecall.spi.Registration;
import dev.servicecall.spi.RoutineNames;
import dev.servicecall.spi.Signatures;
import dev.servicecall.spi.StatusException;
import dev.servicecall.spi.Transport;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The one implementation of {@link ServiceCallSession}: checks every application argument in the
 * contract's order, then delegates to a {@link Transport}, turning its statuses into
 * {@link ServiceCallException}s. Thread-safe.
 */
final class TransportSession implements ServiceCallSession {
    private static final System.Logger LOG = System.getLogger(ServiceCall.class.getName());

    private final String transportName;
    private final Transport transport;
    private final AtomicBoolean initialized = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Set<HostedRoutine> registrations = ConcurrentHashMap.newKeySet();

    TransportSession(String transportName, Transport transport) {
        this.transportName = transportName;
        this.transport = transport;
    }

    @Override
    public String transportName() {
        return transportName;
    }

    @Override
    public int call(String name, CallOptions options, Parameter... parameters) throws ServiceCallException {
        ensureOpen();
        CallRequest request = CallPreparation.prepare(name, options, parameters);
        CallEvent event = new CallEvent();
        event.begin();
        int transportStatus = NtStatus.UNSUCCESSFUL;
        int serviceStatus = 0;
        try {
            serviceStatus = transport.call(request);
            transportStatus = NtStatus.SUCCESS;
            return serviceStatus;
        } catch (StatusException e) {
            transportStatus = e.status();
            throw translate(e);
        } catch (RuntimeException e) {
            throw new ServiceCallException(NtStatus.UNSUCCESSFUL,
                    "transport '" + transportName + "' failed calling '" + name + "': " + e, e);
        } finally {
            if (event.shouldCommit()) {
                record(event, request, transportStatus, serviceStatus);
            }
            CallPreparation.release(request);
        }
    }

    private void record(CallEvent event, CallRequest request, int transportStatus, int serviceStatus) {
        long bytes = 0;
        for (int i = 0; i < request.parameterCount(); i++) {
            if (request.buffer(i) != null) {
                bytes += request.buffer(i).capacity();
            }
        }
        event.routine = request.name();
        event.transport = transportName;
        event.transportStatus = transportStatus;
        event.serviceStatus = serviceStatus;
        event.bufferBytes = bytes;
        event.commit();
    }

    @Override
    public void initialize() throws ServiceCallException {
        ensureOpen();
        if (initialized.get()) {
            return;
        }
        synchronized (initialized) {
            if (!initialized.get()) {
                try {
                    transport.initializeService();
                } catch (StatusException e) {
                    throw translate(e);
                }
                initialized.set(true);
            }
        }
    }

    @Override
    public ServiceRegistration register(String name, Signature signature, Routine routine) throws ServiceCallException {
        ensureOpen();
        if (name == null || signature == null || routine == null) {
            throw new ServiceCallException(NtStatus.ACCESS_VIOLATION, (name == null ? "the name" : signature == null
                    ? "the signature" : "the routine") + " is null");
        }
        if (!initialized.get()) {
            throw new ServiceCallException(NtStatus.NOT_SUPPORTED,
                    "register '" + CallPreparation.printable(name) + "' before initialize(): call initialize() first");
        }
        String problem = RoutineNames.problem(name);
        if (problem != null) {
            throw new ServiceCallException(NtStatus.OBJECT_NAME_INVALID,
                    "routine name '" + CallPreparation.printable(name) + "': " + problem);
        }
        byte[] masks = signature.rawMasks();
        if (Signatures.checkTemplate(masks) != NtStatus.SUCCESS) {
            throw new ServiceCallException(NtStatus.INVALID_PARAMETER_3, "signature " + signature + " of '" + name
                    + "' has an invalid mask or more than 64 parameters");
        }
        Registration registration;
        try {
            registration = transport.register(name, masks.clone(), new RoutineCallAdapter(routine));
        } catch (StatusException e) {
            throw translate(e);
        } catch (RuntimeException e) {
            throw new ServiceCallException(NtStatus.NO_MEMORY, "transport '" + transportName + "' failed registering '"
                    + name + "': " + e, e);
        }
        HostedRoutine hosted = new HostedRoutine(name, signature, registration);
        registrations.add(hosted);
        LOG.log(System.Logger.Level.DEBUG, "registered {0}{1} on {2}", name, signature, transportName);
        return hosted;
    }

    @Override
    public void unregister(ServiceRegistration registration) throws ServiceCallException {
        if (registration == null) {
            throw new ServiceCallException(NtStatus.ACCESS_VIOLATION, "the registration handle is null");
        }
        if (!(registration instanceof HostedRoutine) || !registrations.contains(registration)
                || !((HostedRoutine) registration).registered.compareAndSet(true, false)) {
            throw new ServiceCallException(NtStatus.INVALID_PARAMETER, "'" + registration.name()
                    + "' is not registered through this session (unregistered already, or another session's handle)");
        }
        HostedRoutine hosted = (HostedRoutine) registration;
        registrations.remove(hosted);
        try {
            transport.unregister(hosted.registration);
        } catch (StatusException e) {
            throw translate(e);
        }
        LOG.log(System.Logger.Level.DEBUG, "unregistered {0} on {1}", hosted.name, transportName);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            for (HostedRoutine hosted : registrations) {
                hosted.registered.set(false);
            }
            registrations.clear();
            transport.close();
        }
    }

    private void ensureOpen() throws ServiceCallException {
        if (closed.get()) {
            throw new ServiceCallException(NtStatus.UNSUCCESSFUL, "this session on '" + transportName + "' is closed");
        }
    }

    private static ServiceCallException translate(StatusException e) {
        String message = e.getMessage();
        String prefix = NtStatus.describe(e.status());
        String detail = message != null && message.startsWith(prefix) ? message.substring(prefix.length()) : message;
        if (detail != null && detail.startsWith(": ")) {
            detail = detail.substring(2);
        }
        return new ServiceCallException(e.status(), detail, e);
    }

    private final class HostedRoutine implements ServiceRegistration {
        private final String name;
        private final Signature signature;
        private final Registration registration;
        private final AtomicBoolean registered = new AtomicBoolean(true);

        HostedRoutine(String name, Signature signature, Registration registration) {
            this.name = name;
            this.signature = signature;
            this.registration = registration;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Signature signature() {
            return signature;
        }

        @Override
        public boolean isRegistered() {
            return registered.get();
        }

        @Override
        public void close() {
            if (registered.get()) {
                try {
                    unregister(this);
                } catch (ServiceCallException raced) {
                    // Someone else unregistered it first: close() promises only that it ends unregistered.
                }
            }
        }

        @Override
        public String toString() {
            return name + signature + (registered.get() ? "" : " (unregistered)");
        }
    }
}

package dev.servicecall.typed;

import dev.servicecall.api.CallOptions;
import dev.servicecall.api.ServiceCallException;
import dev.servicecall.api.ServiceCaller;
import dev.servicecall.api.ServiceHost;
import dev.servicecall.api.ServiceRegistration;
import dev.servicecall.api.Signature;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Typed interfaces over the raw calls: a caller declares a Java interface of routine methods and
 * gets a {@linkplain #proxy proxy}; a service {@linkplain #export exports} an implementation of
 * the same interface.
 *
 * <pre>{@code
 * public interface Calculator {
 *     @Routine("ServerPlusInt")
 *     int plus(int a, int b, @Out IntRef sum) throws ServiceCallException;
 * }
 *
 * // service process (session initialized)
 * TypedExport export = TypedServiceCall.export(session, Calculator.class,
 *         (a, b, sum) -> { sum.set(a + b); return 0; });
 *
 * // client process
 * Calculator calculator = TypedServiceCall.proxy(session, Calculator.class);
 * IntRef sum = new IntRef();
 * int status = calculator.plus(1, 1, sum);          // status 0, sum.get() == 2
 * }</pre>
 *
 * <h2>Mapping</h2>
 * Each method is one routine ({@link Routine @Routine("Name")}); each parameter is one mask:
 * <table>
 * <caption>Java parameter types and their masks</caption>
 * <tr><th>Java parameter</th><th>mask</th><th>travels as</th></tr>
 * <tr><td>{@code byte}</td><td>BYTE 0x81</td><td rowspan="4">a value, truncated to the mask's
 *     width; {@link AsByte @AsByte}, {@link AsWord @AsWord}, {@link AsDword @AsDword} narrow it (never
 *     wider than the Java type). The routine gets the bits: sign-reinterpreted at the Java type's
 *     own width, zero-extended (unsigned) when the Java type is wider.</td></tr>
 * <tr><td>{@code short}</td><td>WORD 0x82</td></tr>
 * <tr><td>{@code int}</td><td>DWORD 0x84</td></tr>
 * <tr><td>{@code long}</td><td>QWORD 0x88</td></tr>
 * <tr><td>{@code byte[]}</td><td>POINTER 0x40</td><td>the whole array, written back whole
 *     ({@code Parameter.pointer(byte[])}); for a slice, pass {@code ByteBuffer.wrap(array, offset, length)}</td></tr>
 * <tr><td>{@code ByteBuffer}</td><td>POINTER 0x40</td><td>{@code [position, limit)}, written back
 *     there, position untouched ({@code Parameter.pointer(ByteBuffer)}); heap or direct</td></tr>
 * <tr><td>{@link ByteRef}, {@link ShortRef}, {@link IntRef}, {@link LongRef}</td><td>POINTER 0x40</td>
 *     <td>a 1/2/4/8-byte little-endian buffer; {@link In @In}, {@link Out @Out},
 *     {@link InOut @InOut} (default) decide what is sent and what is taken back</td></tr>
 * </table>
 * {@link Nullable @Nullable} on a pointer makes it NULLABLE_POINTER 0x60 ({@code null} is then a
 * null pointer); {@link Mask @Mask(0x8C)} gives any valid raw mask instead.
 *
 * <p>Return types: {@code int} returns the service status as is; {@code void} throws
 * {@link RoutineFailedException} for a status other than 0 (or the {@link SuccessStatuses}).
 * Every routine method must declare {@code throws ServiceCallException} (or a supertype):
 * transport failures are thrown as {@link ServiceCallException} with the exact transport status.
 * Default methods run locally (convenience wrappers); {@code equals}/{@code hashCode} of a proxy
 * are identity, {@code toString} names the interface and the caller.
 *
 * <h2>Same wire as the raw API</h2>
 * A proxy call is exactly the raw call {@code caller.call(name, options, parameters)} built from
 * the table, so a typed client can call a raw routine and a raw client a typed export; the raw
 * API's checks and statuses apply unchanged (a {@code null} non-nullable pointer is
 * INVALID_PARAMETER_2, a read-only {@code ByteBuffer} ACCESS_VIOLATION).
 *
 * <h2>When rules are checked</h2>
 * The interface is checked once, on its first {@code proxy}, {@code export} or {@code signatures},
 * and the result is cached; a broken interface throws {@link InvalidRoutineInterfaceException}
 * listing every problem by method and parameter. Per call, a proxy only packs arguments (no
 * reflection beyond the proxy's own dispatch) and an export only unpacks them and invokes a
 * precomputed {@link MethodHandle}.
 *
 * <p>All methods are thread-safe; proxies and exports are thread-safe when the caller, host and
 * implementation are.
 */
public final class TypedServiceCall {
    private TypedServiceCall() {
    }

    /**
     * A proxy of {@code type} calling through {@code caller}, without a deadline. See
     * {@link #proxy(ServiceCaller, Class, CallOptions)}.
     */
    public static <T> T proxy(ServiceCaller caller, Class<T> type) {
        return proxy(caller, type, CallOptions.defaults());
    }

    /**
     * A proxy of {@code type}: each routine method calls its routine through {@code caller} with
     * {@code options} (e.g. a deadline), as described in the class documentation.
     *
     * @throws InvalidRoutineInterfaceException when {@code type} breaks a mapping rule, or is
     *     sealed (a sealed interface cannot be proxied)
     * @throws NullPointerException for a null argument
     */
    public static <T> T proxy(ServiceCaller caller, Class<T> type, CallOptions options) {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(options, "options");
        InterfacePlan plan = InterfacePlan.of(type);
        if (type.isSealed()) {
            throw new InvalidRoutineInterfaceException(type, List.of(type.getSimpleName()
                    + " is sealed, and a sealed interface cannot be proxied; remove 'sealed'"));
        }
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                new ProxyHandler(plan, caller, options));
        return type.cast(proxy);
    }

    /**
     * {@code ScRegisterServiceRoutine} for each routine method of {@code type}: registers one
     * routine per method on {@code host} (already initialized), with the signature the mapping
     * gives, running {@code implementation}. Registration happens in routine-name order; if one
     * fails, those already registered are unregistered and the failure is thrown.
     *
     * <p>Each call unpacks the values and buffers into Java arguments (holders filled from their
     * buffers), invokes the implementation, writes {@code byte[]} copies and holders back when it
     * returns, and answers: the returned {@code int}; {@code 0} for {@code void}; the status of a
     * {@link RoutineFailedException} it throws (buffers written back); UNHANDLED_EXCEPTION for any
     * other exception (produced by the transport; nothing written back); INVALID_PARAMETER,
     * without invoking it, when a holder's buffer is shorter than the holder.
     *
     * @return the registrations; closing it unregisters them all
     * @throws InvalidRoutineInterfaceException when {@code type} breaks a mapping rule
     * @throws IllegalArgumentException when {@code implementation} is not a {@code type}, or the
     *     interface's methods are not accessible to this library (make the interface public)
     * @throws ServiceCallException with the status of the failed registration (see
     *     {@link ServiceHost#register}): NOT_SUPPORTED before {@code initialize()},
     *     OBJECT_NAME_EXISTS, ...
     */
    public static <T> TypedExport export(ServiceHost host, Class<T> type, T implementation) throws ServiceCallException {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(implementation, "implementation");
        InterfacePlan plan = InterfacePlan.of(type);
        if (!type.isInstance(implementation)) {
            throw new IllegalArgumentException(implementation.getClass().getName() + " does not implement " + type.getName());
        }
        List<ExportedRoutine> routines = new ArrayList<>();
        for (MethodPlan method : plan.routines) {
            routines.add(new ExportedRoutine(method, invoker(method, implementation)));
        }
        List<ServiceRegistration> registrations = new ArrayList<>();
        for (int i = 0; i < routines.size(); i++) {
            MethodPlan method = plan.routines.get(i);
            try {
                registrations.add(host.register(method.routineName, method.signature, routines.get(i)));
            } catch (ServiceCallException | RuntimeException failed) {
                registrations.forEach(ServiceRegistration::close);
                if (failed instanceof RuntimeException) {
                    throw (RuntimeException) failed;
                }
                throw new ServiceCallException(((ServiceCallException) failed).status(), method.label + " as routine '"
                        + method.routineName + "' could not be registered; the routines registered before it were"
                        + " unregistered", failed);
            }
        }
        return new TypedExport(type, registrations);
    }

    /**
     * The routine names of {@code type} and the signature each is called and exported with, in
     * routine-name order: for registering a raw routine that a typed client will call, or for
     * showing an interface's wire form.
     *
     * @throws InvalidRoutineInterfaceException when {@code type} breaks a mapping rule
     */
    public static Map<String, Signature> signatures(Class<?> type) {
        Objects.requireNonNull(type, "type");
        Map<String, Signature> signatures = new LinkedHashMap<>();
        for (MethodPlan method : InterfacePlan.of(type).routines) {
            signatures.put(method.routineName, method.signature);
        }
        return java.util.Collections.unmodifiableMap(signatures);
    }

    /** {@code (Object[])Object}: the interface method bound to {@code implementation}, its arguments spread from an array. */
    private static MethodHandle invoker(MethodPlan plan, Object implementation) {
        Method method = plan.method;
        MethodHandle target;
        try {
            target = MethodHandles.publicLookup().unreflect(method);
        } catch (IllegalAccessException notPublic) {
            try {
                method.setAccessible(true);
                target = MethodHandles.lookup().unreflect(method);
            } catch (IllegalAccessException | RuntimeException denied) {
                throw new IllegalArgumentException(plan.label + " is not accessible to the typed layer;"
                        + " make " + method.getDeclaringClass().getName() + " public", denied);
            }
        }
        int count = method.getParameterCount();
        return target.bindTo(implementation)
                .asType(MethodType.genericMethodType(count))
                .asSpreader(Object[].class, count);
    }
}

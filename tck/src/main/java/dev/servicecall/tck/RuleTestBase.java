package dev.servicecall.tck;

import dev.servicecall.api.CallOptions;
import dev.servicecall.api.Parameter;
import dev.servicecall.api.ServiceCall;
import dev.servicecall.api.ServiceCallException;
import dev.servicecall.api.ServiceCallSession;
import dev.servicecall.api.ServiceRegistration;
import dev.servicecall.api.Signature;
import dev.servicecall.spi.NtStatus;
import dev.servicecall.spi.TransportConfig;
import dev.servicecall.tck.fixture.ChildProcessServiceSide;
import dev.servicecall.tck.fixture.Fixture;
import dev.servicecall.tck.fixture.FixtureControl;
import dev.servicecall.tck.fixture.InProcessServiceSide;
import dev.servicecall.tck.fixture.ServiceSide;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every contract area shares: the one hook {@link #transport()}, a caller session and a
 * service side per test (in this JVM, or in a child JVM when the transport declares
 * {@link Capability#SERVICE_IN_OTHER_PROCESS}), bounded calls, and assertions whose messages name
 * the test, the SPEC rule and the statuses seen.
 *
 * <p>Every test gets its own directory and name space; everything it opens (sessions, service
 * sides, child processes, caller threads) is closed after it, child processes destroyed forcibly
 * if they do not exit in time. A test that outlives 3 minutes fails (backstop: each wait is
 * bounded far below that).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
public abstract class RuleTestBase {
    private static final AtomicInteger NAMES = new AtomicInteger();

    /** This test's own directory. */
    @TempDir
    protected Path workDir;

    private String testName = "?";
    private String rule = "";
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private ExecutorService callThreads;
    private ServiceCallSession caller;
    private ServiceSide service;
    private final FixtureControl localFixtures = new FixtureControl();

    /** The transport under test: the only hook of every contract area. */
    protected abstract TransportUnderTest transport();

    @BeforeEach
    protected final void startTest(TestInfo info) {
        testName = info.getTestMethod().map(method -> method.getName()).orElse(info.getDisplayName());
        AtomicInteger threads = new AtomicInteger();
        callThreads = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "tck-caller-" + testName + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @AfterEach
    protected final void endTest() {
        localFixtures.releaseAll();
        try {
            while (!resources.isEmpty()) {
                try {
                    resources.pop().close();
                } catch (Exception e) {
                    // Closing must go on for the rest; a failing close is not this rule's verdict.
                }
            }
        } finally {
            callThreads.shutdownNow();
        }
    }

    // ---- rules and capabilities ----------------------------------------------------------------

    /** Names the SPEC rule the current test checks; it heads every failure message. */
    protected final void rule(String text) {
        this.rule = text;
    }

    /** Whether the transport declares {@code capability}. */
    protected final boolean declares(Capability capability) {
        return transport().capabilities().contains(capability);
    }

    /** Skips the current test, with the reason, unless the transport declares {@code capability}. */
    protected final void requires(Capability capability, String why) {
        Assumptions.assumeTrue(declares(capability), () -> "skipped: " + why + " - transport '" + transport()
                + "' does not declare Capability." + capability);
    }

    // ---- sessions and service sides --------------------------------------------------------------

    /** This test's settings. */
    protected final TransportConfig config() {
        return transport().config(workDir);
    }

    /** The test's caller session (client only: not initialized). */
    protected final ServiceCallSession caller() {
        if (caller == null) {
            caller = openSession(config());
        }
        return caller;
    }

    /** Opens another session on the transport with {@code settings}; closed after the test. */
    protected final ServiceCallSession openSession(TransportConfig settings) {
        try {
            return track(ServiceCall.open(transport().provider(), settings));
        } catch (ServiceCallException e) {
            throw new AssertionError(prefix() + "setup: opening transport '" + transport() + "' with " + settings
                    + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * The test's service side: in a child JVM when the transport declares
     * {@link Capability#SERVICE_IN_OTHER_PROCESS}, else a second session in this JVM.
     */
    protected final ServiceSide service() {
        if (service == null) {
            service = startService(TransportConfig.empty());
        }
        return service;
    }

    /** A new service side as {@link #service()} chooses, with {@code overrides} added to the settings. */
    protected final ServiceSide startService(TransportConfig overrides) {
        if (declares(Capability.SERVICE_IN_OTHER_PROCESS)) {
            return startChildService(overrides);
        }
        return startLocalService(overrides);
    }

    /** A new service side in this JVM (a session of its own), whatever the capabilities. */
    protected final InProcessServiceSide startLocalService(TransportConfig overrides) {
        try {
            return track(new InProcessServiceSide(openSession(config().withAll(overrides))));
        } catch (ServiceCallException e) {
            throw new AssertionError(prefix() + "setup: initialize of a service session failed: " + e.getMessage(), e);
        }
    }

    /** A new service side in a child JVM; skips unless {@link Capability#SERVICE_IN_OTHER_PROCESS}. */
    protected final ChildProcessServiceSide startChildService(TransportConfig overrides) {
        requires(Capability.SERVICE_IN_OTHER_PROCESS, "the rule needs a service in another process");
        try {
            return track(ChildProcessServiceSide.start(transport().provider().getClass().getName(),
                    config().withAll(overrides), workDir, transport().childJvmOptions(), Duration.ofSeconds(60)));
        } catch (ServiceCallException e) {
            throw new AssertionError(prefix() + "setup: the child service side failed: " + e.getMessage(), e);
        }
    }

    /** A routine name unique in this JVM, e.g. {@code t42-plus}. */
    protected final String name(String hint) {
        String name = "t" + NAMES.incrementAndGet() + "-" + hint;
        return name.length() > 64 ? name.substring(0, 64) : name;
    }

    /** Registers {@code fixture} under a new name on {@link #service()}; returns the name. */
    protected final String serve(Fixture fixture) {
        return serve(service(), fixture, fixture.signature());
    }

    /** Registers {@code fixture} with {@code signature} under a new name on {@link #service()}. */
    protected final String serve(Fixture fixture, Signature signature) {
        return serve(service(), fixture, signature);
    }

    /** Registers {@code fixture} with {@code signature} under a new name on {@code side}. */
    protected final String serve(ServiceSide side, Fixture fixture, Signature signature) {
        String name = name(fixture.name().toLowerCase(Locale.ROOT));
        try {
            side.register(name, fixture, signature);
        } catch (ServiceCallException e) {
            throw new AssertionError(prefix() + "setup: registering fixture " + fixture + " as '" + name + "' "
                    + signature + " failed: " + e.getMessage() + side.diagnostics(), e);
        }
        return name;
    }

    // ---- hosting in the test JVM -----------------------------------------------------------------

    /** The counters of fixtures this test registers itself on a session of the test JVM. */
    protected final FixtureControl localFixtures() {
        return localFixtures;
    }

    /** The caller session, initialized so that the test JVM can register on it too. */
    protected final ServiceCallSession initializedCaller() {
        ServiceCallSession host = caller();
        expectReturnedNormally(attempt("initialize", () -> {
            host.initialize();
            return 0;
        }));
        return host;
    }

    /** Registers {@code fixture} (default signature) as {@code name} on {@code host}, or fails the test. */
    protected final ServiceRegistration registerLocally(ServiceCallSession host, String name, Fixture fixture) {
        ServiceRegistration[] registration = new ServiceRegistration[1];
        expectReturnedNormally(attempt("register '" + name + "'", () -> {
            registration[0] = host.register(name, fixture.signature(), fixture.routine(localFixtures));
            return 0;
        }));
        return registration[0];
    }

    // ---- bounded operations ----------------------------------------------------------------------

    /** Operations whose outcome the kit records. */
    @FunctionalInterface
    protected interface Operation {
        /** Runs; returns a service status, or 0 for operations without one. */
        int run() throws Exception;
    }

    /** A call (or operation) running on a caller thread of the kit. */
    protected final class Pending {
        private final Future<Outcome> future;
        private final String what;

        private Pending(Future<Outcome> future, String what) {
            this.future = future;
            this.what = what;
        }

        /** Its outcome, waiting at most {@code bound}; {@link Outcome.Kind#HUNG} after. */
        public Outcome awaitWithin(Duration bound) {
            try {
                return future.get(bound.toNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                return Outcome.hung(bound);
            } catch (ExecutionException e) {
                return Outcome.of(e.getCause(), bound);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Outcome.hung(bound);
            }
        }

        /** Its outcome, failing the test if there is none within the transport's call bound. */
        public Outcome await() {
            Outcome outcome = awaitWithin(transport().callBound());
            if (outcome.kind() == Outcome.Kind.HUNG) {
                throw violation("an outcome of " + what + " within " + transport().callBound().toSeconds() + " s",
                        outcome.toString());
            }
            return outcome;
        }

        /** Whether it has ended. */
        public boolean isDone() {
            return future.isDone();
        }

        @Override
        public String toString() {
            return what;
        }
    }

    /** Starts {@code operation} on a caller thread. */
    protected final Pending start(String what, Operation operation) {
        Callable<Outcome> task = () -> {
            long started = System.nanoTime();
            try {
                int status = operation.run();
                return Outcome.returned(status, Duration.ofNanos(System.nanoTime() - started));
            } catch (Exception | Error e) {
                return Outcome.of(e, Duration.ofNanos(System.nanoTime() - started));
            }
        };
        return new Pending(callThreads.submit(task), what);
    }

    /** Starts a call of {@code routine} on the caller session. */
    protected final Pending startCall(String routine, CallOptions options, Parameter... parameters) {
        return start("the call of '" + routine + "'", () -> caller().call(routine, options, parameters));
    }

    /** Calls {@code routine} from the caller session, without deadline; bounded by the call bound. */
    protected final Outcome call(String routine, Parameter... parameters) {
        return startCall(routine, CallOptions.defaults(), parameters).await();
    }

    /** Calls {@code routine} with {@code options}; bounded by the call bound. */
    protected final Outcome call(String routine, CallOptions options, Parameter... parameters) {
        return startCall(routine, options, parameters).await();
    }

    /** Runs {@code operation} (a register, an unregister, ...) bounded by the call bound. */
    protected final Outcome attempt(String what, Operation operation) {
        return start(what, operation).await();
    }

    // ---- assertions ------------------------------------------------------------------------------

    /** Fails unless {@code outcome} returned exactly {@code serviceStatus}. */
    protected final void expectServiceStatus(int serviceStatus, Outcome outcome) {
        if (!outcome.returned(serviceStatus)) {
            throw violation("returned service status " + NtStatus.describe(serviceStatus), outcome.toString());
        }
    }

    /** Fails unless {@code outcome} failed with exactly the transport status {@code status}. */
    protected final void expectTransportStatus(int status, Outcome outcome) {
        if (!outcome.failedWith(status)) {
            throw violation("failed with transport status " + NtStatus.describe(status), outcome.toString());
        }
    }

    /** Fails unless {@code outcome} ended normally (whatever status it returned). */
    protected final void expectReturnedNormally(Outcome outcome) {
        expect(outcome.kind() == Outcome.Kind.RETURNED, "success", outcome);
    }

    /** Fails unless no call of {@code routine} entered its routine on {@link #service()}. */
    protected final void expectNotRun(String routine) {
        int entered = service().enteredCount(routine);
        expect(entered == 0, "the routine not run", entered + " call(s) ran");
    }

    /** Fails with {@code what} unless {@code condition}. */
    protected final void expect(boolean condition, String expected, Object saw) {
        if (!condition) {
            throw violation(expected, String.valueOf(saw));
        }
    }

    /** Fails unless {@code actual} equals {@code expected}, naming the first differing index. */
    protected final void expectBytes(String what, byte[] expected, byte[] actual) {
        int length = Math.min(expected.length, actual.length);
        for (int i = 0; i < length; i++) {
            if (expected[i] != actual[i]) {
                throw violation(what + " = " + window(expected, i), "differs at index " + i + ": " + window(actual, i));
            }
        }
        if (expected.length != actual.length) {
            throw violation(what + " of " + expected.length + " bytes", actual.length + " bytes");
        }
    }

    /** Waits until {@code count} calls of {@code routine} entered on {@code side}, or fails. */
    protected final void awaitEntered(ServiceSide side, String routine, int count) {
        if (!side.awaitEntered(routine, count, transport().callBound())) {
            throw violation(count + " call(s) of '" + routine + "' running in the routine within "
                    + transport().callBound().toSeconds() + " s", side.enteredCount(routine) + " entered");
        }
    }

    /** A failure naming the test, its rule, what was expected and what was seen. */
    protected final AssertionError violation(String expected, String saw) {
        return new AssertionError(prefix() + rule + "\n  expected: " + expected + "\n  saw:      " + saw
                + (service != null && service.isOtherProcess() ? service.diagnostics() : ""));
    }

    private String prefix() {
        return "[" + testName + "] ";
    }

    private static String window(byte[] bytes, int at) {
        int from = Math.max(0, at - 4);
        int to = Math.min(bytes.length, at + 12);
        return "[" + from + ".." + to + ") " + HexFormat.ofDelimiter(" ").formatHex(bytes, from, to);
    }

    private <T extends AutoCloseable> T track(T resource) {
        resources.push(resource);
        return resource;
    }
}

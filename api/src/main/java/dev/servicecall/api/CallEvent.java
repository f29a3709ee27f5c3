package dev.servicecall.api;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * A JFR event for each {@link ServiceCaller#call}: routine, transport, statuses, bytes of buffers
 * and duration. Enable it with {@code -XX:StartFlightRecording} or JDK Mission Control
 * ({@code dev.servicecall.Call}). When no recording asks for it, the event is never committed and
 * the JIT removes it.
 */
@Name("dev.servicecall.Call")
@Label("ServiceCall call")
@Category("ServiceCall")
@Description("One call of a routine through ServiceCall, from the caller's side")
@StackTrace(false)
final class CallEvent extends Event {
    @Label("Routine")
    String routine;

    @Label("Transport")
    String transport;

    @Label("Transport status")
    @Description("NTSTATUS of the transport: 0 when the routine was reached")
    int transportStatus;

    @Label("Service status")
    @Description("What the routine returned (valid when the transport status is 0)")
    int serviceStatus;

    @Label("Buffer bytes")
    @DataAmount
    long bufferBytes;
}

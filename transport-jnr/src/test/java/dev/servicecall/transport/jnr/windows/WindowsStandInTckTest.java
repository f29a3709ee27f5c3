package dev.servicecall.transport.jnr.windows;

import dev.servicecall.spi.TransportProvider;
import dev.servicecall.tck.TransportCompatibilityKit;
import dev.servicecall.tck.TransportUnderTest;

/**
 * The whole compatibility kit, in one process, against the shared transport over the Windows
 * backend's logic, with kernel32 replaced by {@link StandInKernel32}. It proves the backend's
 * logic (overlapped lanes, close events, instances, statuses) under the real protocol; it does not
 * prove that real kernel32 behaves as the stand-in does. No uid: Windows tells none.
 */
class WindowsStandInTckTest extends TransportCompatibilityKit {
    static final TransportUnderTest STAND_IN = new TransportUnderTest() {
        @Override
        public TransportProvider provider() {
            return new StandInWindows();
        }
    };

    @Override
    protected TransportUnderTest transport() {
        return STAND_IN;
    }
}

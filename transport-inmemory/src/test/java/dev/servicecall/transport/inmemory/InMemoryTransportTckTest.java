package dev.servicecall.transport.inmemory;

import dev.servicecall.spi.TransportProvider;
import dev.servicecall.tck.TransportCompatibilityKit;
import dev.servicecall.tck.TransportUnderTest;

/**
 * The compatibility kit against the in-memory transport, in one process: it declares no optional
 * capability (its services live in this JVM, its caller uid is not a transport's report but this
 * process's, and it cannot be denied listener resources).
 */
class InMemoryTransportTckTest extends TransportCompatibilityKit {
    static final TransportUnderTest IN_MEMORY = new TransportUnderTest() {
        @Override
        public TransportProvider provider() {
            return new InMemoryTransportProvider();
        }
    };

    @Override
    protected TransportUnderTest transport() {
        return IN_MEMORY;
    }
}

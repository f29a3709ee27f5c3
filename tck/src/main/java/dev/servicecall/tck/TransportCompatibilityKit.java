package dev.servicecall.tck;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;

/**
 * The whole kit in one class: extend it, give the transport, and every contract area runs as a
 * nested class.
 *
 * <pre>{@code
 * class JnrTransportTckTest extends TransportCompatibilityKit {
 *     @Override
 *     protected TransportUnderTest transport() {
 *         return JNR;   // see TransportUnderTest
 *     }
 * }
 * }</pre>
 *
 * To run only some areas, extend the area classes ({@link StatusCodeRules},
 * {@link MaskAndSignatureRules}, {@link BufferSynchronisationRules},
 * {@link LifecycleAndConcurrencyRules}, {@link ClientIdentityRules}, {@link DeadlineRules})
 * directly instead.
 */
public abstract class TransportCompatibilityKit {

    /** The transport under test, shared by every area. */
    protected abstract TransportUnderTest transport();

    /** SPEC section 2. */
    @Nested
    @DisplayName("status codes (SPEC 2)")
    class StatusCodes extends StatusCodeRules {
        @Override
        protected TransportUnderTest transport() {
            return TransportCompatibilityKit.this.transport();
        }
    }

    /** SPEC section 3. */
    @Nested
    @DisplayName("masks and signatures (SPEC 3)")
    class MasksAndSignatures extends MaskAndSignatureRules {
        @Override
        protected TransportUnderTest transport() {
            return TransportCompatibilityKit.this.transport();
        }
    }

    /** SPEC section 4. */
    @Nested
    @DisplayName("buffer synchronisation (SPEC 4)")
    class BufferSynchronisation extends BufferSynchronisationRules {
        @Override
        protected TransportUnderTest transport() {
            return TransportCompatibilityKit.this.transport();
        }
    }

    /** SPEC sections 1 and 5. */
    @Nested
    @DisplayName("lifecycle and concurrency (SPEC 1, 5)")
    class LifecycleAndConcurrency extends LifecycleAndConcurrencyRules {
        @Override
        protected TransportUnderTest transport() {
            return TransportCompatibilityKit.this.transport();
        }
    }

    /** SPEC section 5, identity. */
    @Nested
    @DisplayName("client identity (SPEC 5)")
    class ClientIdentity extends ClientIdentityRules {
        @Override
        protected TransportUnderTest transport() {
            return TransportCompatibilityKit.this.transport();
        }
    }

    /** SPEC section 2, IO_TIMEOUT. */
    @Nested
    @DisplayName("deadlines (SPEC 2)")
    class Deadlines extends DeadlineRules {
        @Override
        protected TransportUnderTest transport() {
            return TransportCompatibilityKit.this.transport();
        }
    }
}

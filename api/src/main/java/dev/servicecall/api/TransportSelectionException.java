package dev.servicecall.api;

/**
 * No transport could be selected: the named one is missing or unavailable, or none at all is on
 * the class path. A deployment problem, not a call outcome, hence unchecked. The message lists
 * every provider seen, why each was rejected, and which artifact to add.
 */
public class TransportSelectionException extends RuntimeException {
    /** @param message the full explanation */
    public TransportSelectionException(String message) {
        super(message);
    }
}

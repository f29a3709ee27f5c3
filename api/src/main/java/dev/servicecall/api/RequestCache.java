package dev.servicecall.api;

import dev.servicecall.spi.CallRequest;
import dev.servicecall.spi.ParameterMasks;

/**
 * Per-thread {@link CallRequest}s, one per parameter count, reused from call to call so that the
 * application layer allocates nothing per call. A call made while the thread's request of that
 * count is in use (a transport that runs a routine on the caller's thread, and that routine calls
 * again) gets a fresh one. A request given back drops its buffer references at once.
 */
final class RequestCache {
    private static final ThreadLocal<RequestCache> CACHE = ThreadLocal.withInitial(RequestCache::new);

    private final CallRequest[] idle = new CallRequest[ParameterMasks.MAX_PARAMETERS + 1];

    private RequestCache() {
    }

    static CallRequest take(int parameterCount) {
        CallRequest[] idle = CACHE.get().idle;
        CallRequest request = idle[parameterCount];
        if (request == null) {
            return new CallRequest(parameterCount);
        }
        idle[parameterCount] = null;
        return request;
    }

    static void giveBack(CallRequest request) {
        request.clearBuffers();
        CACHE.get().idle[request.parameterCount()] = request;
    }
}

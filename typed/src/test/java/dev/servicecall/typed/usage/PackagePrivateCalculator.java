package dev.servicecall.typed.usage;

import dev.servicecall.api.ServiceCallException;
import dev.servicecall.typed.AsDword;
import dev.servicecall.typed.IntRef;
import dev.servicecall.typed.Out;
import dev.servicecall.typed.Routine;

/** The example, package-private and in another package than the typed layer: proxies and exports must still work. */
interface PackagePrivateCalculator {
    @Routine("ServerPlusInt")
    int plus(@AsDword int a, @AsDword int b, @Out IntRef result) throws ServiceCallException;

    /** A convenience wrapper, run locally by the proxy. */
    default int plus(int a, int b) throws ServiceCallException {
        IntRef result = new IntRef();
        int status = plus(a, b, result);
        if (status != 0) {
            throw new ServiceCallException(status, "ServerPlusInt failed");
        }
        return result.get();
    }
}

package dev.servicecall.reliability;

import dev.servicecall.api.Parameter;
import dev.servicecall.api.ServiceCall;
import dev.servicecall.api.ServiceCallException;
import dev.servicecall.api.ServiceCallSession;
import dev.servicecall.spi.NtStatus;
import dev.servicecall.spi.TransportConfig;
import dev.servicecall.spi.TransportProvider;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A client process that tries to reach a service, meant to run as another OS user (or, as a
 * control, as the same one). Prints one line per attempt and exits:
 * <ul>
 *   <li>{@code UID <uid>}: the user it runs as (from {@code /proc/self/status});</li>
 *   <li>{@code SERVICE_NAMESPACE <status> <message>}: a call through the library, configured with
 *       the service's name-space directory ({@code SUCCESS <sum>} when it worked);</li>
 *   <li>{@code OWN_NAMESPACE <status> <message>}: the same call with this user's default name space;</li>
 *   <li>{@code RAW <outcome>}: a plain {@code AF_UNIX} connect to the service's socket file, past
 *       every check of the library ({@code CONNECTED} or the exception).</li>
 * </ul>
 * Arguments: {@code all PROVIDER_CLASS NAMESPACE NAME SOCKET_PATH}, or {@code raw SOCKET_PATH} for
 * the last attempt only.
 */
public final class ForeignUserMain {
    private ForeignUserMain() {
    }

    /** Entry point of the child JVM. */
    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        out.println("UID " + uid());
        if (args[0].equals("all")) {
            TransportProvider provider = (TransportProvider) Class.forName(args[1]).getConstructor().newInstance();
            TransportConfig serviceNamespace = TransportConfig.empty().with(TransportConfig.NAMESPACE, args[2]);
            out.println("SERVICE_NAMESPACE " + attempt(provider, serviceNamespace, args[3]));
            out.println("OWN_NAMESPACE " + attempt(provider, TransportConfig.empty(), args[3]));
            out.println("RAW " + rawConnect(Path.of(args[4])));
        } else {
            out.println("RAW " + rawConnect(Path.of(args[1])));
        }
        System.exit(0);
    }

    private static String attempt(TransportProvider provider, TransportConfig config, String name) {
        try (ServiceCallSession session = ServiceCall.open(provider, config)) {
            byte[] sum = new byte[4];
            int status = session.call(name, Parameter.dword(40), Parameter.dword(2), Parameter.pointer(sum));
            return "SUCCESS " + NtStatus.hex(status) + " " + (sum[0] & 0xFF);
        } catch (ServiceCallException e) {
            return e.getMessage().replace('\n', ' '); // starts with the status, e.g. 0xC0000001 STATUS_UNSUCCESSFUL
        }
    }

    private static String rawConnect(Path socket) {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            return "CONNECTED";
        } catch (Exception e) {
            return e.getClass().getSimpleName() + " " + e.getMessage();
        }
    }

    private static String uid() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("Uid:")) {
                return line.substring(4).trim().split("\\s+")[1];
            }
        }
        return "?";
    }
}

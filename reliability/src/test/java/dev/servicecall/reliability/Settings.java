package dev.servicecall.reliability;

import dev.servicecall.spi.TransportConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Transport settings passed to child processes as {@code key=value} arguments. Stateless. */
final class Settings {
    private Settings() {
    }

    /** The settings as arguments. */
    static List<String> asArguments(TransportConfig config) {
        List<String> args = new ArrayList<>();
        for (Map.Entry<String, String> entry : config.asMap().entrySet()) {
            args.add(entry.getKey() + "=" + entry.getValue());
        }
        return args;
    }

    /** The settings in {@code args} from index {@code from} on. */
    static TransportConfig parse(String[] args, int from) {
        TransportConfig config = TransportConfig.empty();
        for (int i = from; i < args.length; i++) {
            int equals = args[i].indexOf('=');
            config = config.with(args[i].substring(0, equals), args[i].substring(equals + 1));
        }
        return config;
    }
}

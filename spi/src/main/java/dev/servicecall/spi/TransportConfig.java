package dev.servicecall.spi;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Settings handed to {@link TransportProvider#open(TransportConfig)}: string keys and values,
 * immutable and thread-safe. Keys start with {@code servicecall.}; transports document the keys
 * they read and ignore the others.
 */
public final class TransportConfig {
    /** Names the transport to use; read by the application layer's selection, not by transports. */
    public static final String TRANSPORT = "servicecall.transport";
    /** The directory (Linux) or pipe-name prefix (Windows) of the name space; default per user. */
    public static final String NAMESPACE = "servicecall.namespace";
    /** Service side: the largest buffer accepted for one pointer parameter, in bytes. */
    public static final String MAX_BUFFER_BYTES = "servicecall.maxBufferBytes";
    /** Default for {@link #MAX_BUFFER_BYTES}: 256 MiB. */
    public static final long DEFAULT_MAX_BUFFER_BYTES = 256L << 20;

    private static final TransportConfig EMPTY = new TransportConfig(Map.of());

    private final Map<String, String> values;

    private TransportConfig(Map<String, String> values) {
        this.values = values;
    }

    /** No settings: every transport uses its defaults. */
    public static TransportConfig empty() {
        return EMPTY;
    }

    /** The system properties whose keys start with {@code servicecall.}. */
    public static TransportConfig fromSystemProperties() {
        Map<String, String> found = new LinkedHashMap<>();
        System.getProperties().forEach((key, value) -> {
            if (key instanceof String && ((String) key).startsWith("servicecall.") && value instanceof String) {
                found.put((String) key, (String) value);
            }
        });
        return new TransportConfig(Collections.unmodifiableMap(found));
    }

    /** This configuration with {@code key} set to {@code value}. */
    public TransportConfig with(String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(values);
        copy.put(key, value);
        return new TransportConfig(Collections.unmodifiableMap(copy));
    }

    /** This configuration with every entry of {@code other} set, {@code other} winning. */
    public TransportConfig withAll(TransportConfig other) {
        Map<String, String> copy = new LinkedHashMap<>(values);
        copy.putAll(other.values);
        return new TransportConfig(Collections.unmodifiableMap(copy));
    }

    /** The value of {@code key}, if set. */
    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** The namespace setting as a path, if set. */
    public Optional<Path> namespace() {
        return get(NAMESPACE).map(Path::of);
    }

    /**
     * The service-side limit for one pointer parameter.
     *
     * @throws IllegalArgumentException if the setting is not a positive number
     */
    public long maxBufferBytes() {
        String text = values.get(MAX_BUFFER_BYTES);
        if (text == null) {
            return DEFAULT_MAX_BUFFER_BYTES;
        }
        try {
            long value = Long.parseLong(text.trim());
            if (value < 0) {
                throw new NumberFormatException("negative");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(MAX_BUFFER_BYTES + " must be a byte count >= 0, was '" + text + "'", e);
        }
    }

    /** All settings, unmodifiable. */
    public Map<String, String> asMap() {
        return values;
    }

    @Override
    public String toString() {
        return values.toString();
    }
}

package dev.servicecall.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The options and positional words of one command line: {@code --name value}, {@code --name=value},
 * flags ({@code --demo}), {@code -h} for {@code --help}; {@code --} ends the options. Anything else
 * is positional, in order. Immutable once parsed.
 */
final class Options {
    /** Options every command accepts. */
    static final Set<String> GLOBAL_VALUED = Set.of("--transport", "--namespace");
    static final Set<String> GLOBAL_FLAGS = Set.of("--help");

    private final Map<String, String> values;
    private final List<String> positional;

    private Options(Map<String, String> values, List<String> positional) {
        this.values = values;
        this.positional = positional;
    }

    /**
     * Parses {@code args} for {@code command}.
     *
     * @param valued the command's options that take a value (the global ones are added)
     * @param flags the command's options without a value (the global ones are added)
     * @throws UsageException for an unknown option, a missing value, or an option given twice
     */
    static Options parse(String command, List<String> args, Set<String> valued, Set<String> flags)
            throws UsageException {
        Set<String> allValued = new TreeSet<>(valued);
        allValued.addAll(GLOBAL_VALUED);
        Set<String> allFlags = new TreeSet<>(flags);
        allFlags.addAll(GLOBAL_FLAGS);
        Map<String, String> values = new LinkedHashMap<>();
        List<String> positional = new ArrayList<>();
        boolean optionsEnded = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (optionsEnded || !(arg.startsWith("--") || arg.equals("-h"))) {
                positional.add(arg);
                continue;
            }
            if (arg.equals("--")) {
                optionsEnded = true;
                continue;
            }
            String name = arg.equals("-h") ? "--help" : arg;
            String value = null;
            int equals = arg.indexOf('=');
            if (equals > 0) {
                name = arg.substring(0, equals);
                value = arg.substring(equals + 1);
            }
            if (allFlags.contains(name)) {
                if (value != null) {
                    throw new UsageException(command, "option " + name + " takes no value");
                }
                value = "";
            } else if (allValued.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.size()) {
                        throw new UsageException(command, "option " + name + " needs a value");
                    }
                    value = args.get(++i);
                }
            } else {
                Set<String> known = new TreeSet<>(allValued);
                known.addAll(allFlags);
                throw new UsageException(command, "unknown option '" + name + "'" + (command == null ? ""
                        : " for '" + command + "'") + "; options: " + String.join(" ", known));
            }
            if (values.putIfAbsent(name, value) != null) {
                throw new UsageException(command, "option " + name + " is given twice");
            }
        }
        return new Options(values, List.copyOf(positional));
    }

    /** The value of a valued option, if given. */
    Optional<String> value(String name) {
        String value = values.get(name);
        return value == null || !values.containsKey(name) ? Optional.empty() : Optional.of(value);
    }

    /** Whether a flag was given. */
    boolean flag(String name) {
        return values.containsKey(name);
    }

    /** The positional words, in order. */
    List<String> positional() {
        return positional;
    }
}

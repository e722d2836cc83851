package io.tui.hooks.leasecmds;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reading command arguments with Kea's checks and texts: a missing mandatory parameter is
 * {@code missing parameter 'x'}, a value of the wrong JSON type {@code invalid type specified for parameter 'x'}, an
 * integer outside its range {@code out of range value (v) specified for parameter 'x'}. Kea appends the argument's
 * position in the command text ({@code (<wire>:0:40)}); Tui does not track positions and leaves it out.
 */
public final class Args {
    private Args() {
    }

    /** The mandatory string {@code name}. */
    public static String string(JsonNode args, String name) throws CommandFailure {
        JsonNode v = mandatory(args, name);
        if (!v.isTextual()) {
            throw invalidType(name);
        }
        return v.textValue();
    }

    /** The optional string {@code name}, or {@code dflt}. */
    public static String string(JsonNode args, String name, String dflt) throws CommandFailure {
        JsonNode v = args.get(name);
        if (v == null) {
            return dflt;
        }
        if (!v.isTextual()) {
            throw invalidType(name);
        }
        return v.textValue();
    }

    /** The optional boolean {@code name}, or {@code dflt}. */
    public static boolean bool(JsonNode args, String name, boolean dflt) throws CommandFailure {
        JsonNode v = args.get(name);
        if (v == null) {
            return dflt;
        }
        if (!v.isBoolean()) {
            throw invalidType(name);
        }
        return v.booleanValue();
    }

    /** The mandatory unsigned integer {@code name}, at most {@code max}. */
    public static long unsigned(JsonNode args, String name, long max) throws CommandFailure {
        return range(mandatory(args, name), name, 0, max);
    }

    /** The optional unsigned integer {@code name}, at most {@code max}, or {@code dflt}. */
    public static long unsigned(JsonNode args, String name, long max, long dflt) throws CommandFailure {
        JsonNode v = args.get(name);
        return v == null ? dflt : range(v, name, 0, max);
    }

    /** The mandatory signed 64-bit integer {@code name}. */
    public static long integer(JsonNode args, String name) throws CommandFailure {
        return range(mandatory(args, name), name, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    private static long range(JsonNode v, String name, long min, long max) throws CommandFailure {
        if (!v.isIntegralNumber()) {
            throw invalidType(name);
        }
        if (!v.canConvertToLong()) {
            throw CommandFailure.error("out of range value (" + v.asText() + ") specified for parameter '" + name
                    + "'");
        }
        long l = v.longValue();
        if (l < min || l > max) {
            throw CommandFailure.error("out of range value (" + l + ") specified for parameter '" + name + "'");
        }
        return l;
    }

    private static JsonNode mandatory(JsonNode args, String name) throws CommandFailure {
        JsonNode v = args.get(name);
        if (v == null) {
            throw CommandFailure.error("missing parameter '" + name + "'");
        }
        return v;
    }

    static CommandFailure invalidType(String name) {
        return CommandFailure.error("invalid type specified for parameter '" + name + "'");
    }
}

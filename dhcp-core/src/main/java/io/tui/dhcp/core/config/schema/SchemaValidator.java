package io.tui.dhcp.core.config.schema;

import io.tui.dhcp.core.config.ConfigException;
import io.tui.dhcp.core.config.WarningSink;
import io.tui.dhcp.core.config.json.JsonValue;
import io.tui.dhcp.core.config.json.JsonValue.JsonArray;
import io.tui.dhcp.core.config.json.JsonValue.JsonBool;
import io.tui.dhcp.core.config.json.JsonValue.JsonNumber;
import io.tui.dhcp.core.config.json.JsonValue.JsonObject;
import io.tui.dhcp.core.config.json.JsonValue.JsonString;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a parsed document against a {@link Scope} tree: every key must be a parameter Kea knows in that scope
 * ({@code unsupported parameter: X (file:line:col)} otherwise), every value must have the right shape and range.
 * Known parameters Tui does not implement yet produce one warning per name. All problems are collected and
 * reported together (up to a bound).
 */
public final class SchemaValidator {
    private static final int MAX_ERRORS = 50;

    private final WarningSink warnings;
    private final List<String> errors = new ArrayList<>();
    private final Set<String> warned = new LinkedHashSet<>();

    public SchemaValidator(WarningSink warnings) {
        this.warnings = warnings;
    }

    /** Validates {@code root} against {@code scope}; the names of not-implemented parameters seen are returned. */
    public Set<String> validate(JsonValue root, Scope scope) throws ConfigException {
        if (!(root instanceof JsonObject obj)) {
            throw new ConfigException("the configuration must be a map, not a " + root.kind(), root.position());
        }
        checkMap(obj, scope);
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
        return Set.copyOf(warned);
    }

    private void error(String message, Object where) {
        if (errors.size() < MAX_ERRORS) {
            errors.add(message + " (" + where + ")");
        }
    }

    private void checkMap(JsonObject obj, Scope scope) {
        for (Map.Entry<String, JsonValue.Member> e : obj.members().entrySet()) {
            JsonValue.Member m = e.getValue();
            Param p = scope.param(m.key());
            if (p == null) {
                error("unsupported parameter: " + m.key(), m.keyPosition());
                continue;
            }
            if (p.warns(m.value().toPlain()) && warned.add(p.name())) {
                warnings.warn("parameter '" + p.name() + "' is accepted but not implemented by Tui yet;"
                        + " it is kept for config-get and otherwise has no effect (" + m.keyPosition() + ")");
            }
            checkValue(p.name(), m.value(), p.type());
        }
    }

    private void checkValue(String name, JsonValue v, ParamType type) {
        switch (type) {
            case ParamType.Any a -> { }
            case ParamType.Bool b -> {
                if (!(v instanceof JsonBool)) {
                    mismatch(name, "a boolean", v);
                }
            }
            case ParamType.Str s -> {
                if (!(v instanceof JsonString)) {
                    mismatch(name, "a string", v);
                }
            }
            case ParamType.Int i -> {
                if (!(v instanceof JsonNumber n) || !n.integral()) {
                    mismatch(name, "an integer", v);
                } else if (n.value().compareTo(BigDecimal.valueOf(i.min())) < 0
                        || n.value().compareTo(BigDecimal.valueOf(i.max())) > 0) {
                    error("the value of '" + name + "' (" + n.value().toPlainString() + ") is out of range ["
                            + i.min() + ", " + i.max() + "]", v.position());
                }
            }
            case ParamType.Real r -> {
                if (!(v instanceof JsonNumber n)) {
                    mismatch(name, "a number", v);
                } else {
                    double d = n.value().doubleValue();
                    if (!(d >= r.min() && d <= r.max())) {
                        error("the value of '" + name + "' (" + n.value() + ") is out of range", v.position());
                    }
                }
            }
            case ParamType.FreeMap f -> {
                if (!(v instanceof JsonObject)) {
                    mismatch(name, "a map", v);
                }
            }
            case ParamType.MapOf m -> {
                if (v instanceof JsonObject o) {
                    checkMap(o, m.scope());
                } else {
                    mismatch(name, "a map", v);
                }
            }
            case ParamType.ListOf l -> {
                if (v instanceof JsonArray a) {
                    for (JsonValue item : a.items()) {
                        checkValue(name, item, l.item());
                    }
                } else {
                    mismatch(name, "a list", v);
                }
            }
        }
    }

    private void mismatch(String name, String expected, JsonValue got) {
        error("'" + name + "' must be " + expected + ", not " + article(got.kind()), got.position());
    }

    private static String article(String kind) {
        return (kind.startsWith("i") ? "an " : "a ") + kind;
    }
}

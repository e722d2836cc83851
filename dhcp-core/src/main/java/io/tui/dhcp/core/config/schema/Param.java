package io.tui.dhcp.core.config.schema;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One parameter Kea knows in a scope, with its shape and whether Tui implements it.
 *
 * @param keaDefault for {@link Status#NOT_IMPLEMENTED_TYPED}: Kea's default value (as {@code toPlain} gives it), with
 *                   which the parameter has no effect in Kea either, so it does not warn; otherwise null
 */
public record Param(String name, ParamType type, Status status, Object keaDefault) {
    public enum Status {
        /** Mapped into the domain snapshot, acted on. */
        IMPLEMENTED,
        /** Kept verbatim in its scope's extras, where the servers read it: acted on. */
        READ_VERBATIM,
        /** Free-form data Tui keeps verbatim by design (comment, user-context, hook parameters). */
        KEPT,
        /** Kea knows it; Tui accepts it, warns once, keeps it verbatim for config-get, but does not act on it. */
        NOT_IMPLEMENTED,
        /**
         * Kea knows it; Tui maps it into the snapshot (checked, rendered by config-get) but does not act on it, and
         * warns once when its value is not Kea's default.
         */
        NOT_IMPLEMENTED_TYPED;

        /** Whether the domain keeps it in its scope's extras rather than in a field of its own. */
        public boolean inExtras() {
            return this == READ_VERBATIM || this == KEPT || this == NOT_IMPLEMENTED;
        }

        /** Whether Tui does not act on it. */
        public boolean notImplemented() {
            return this == NOT_IMPLEMENTED || this == NOT_IMPLEMENTED_TYPED;
        }
    }

    public Param(String name, ParamType type, Status status) {
        this(name, type, status, null);
    }

    /** Whether {@code value} (as {@code toPlain} gives it) makes this parameter warn that Tui does not act on it. */
    public boolean warns(Object value) {
        return switch (status) {
            case NOT_IMPLEMENTED -> true;
            case NOT_IMPLEMENTED_TYPED -> !sameValue(value, keaDefault);
            default -> false;
        };
    }

    private static boolean sameValue(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString())) == 0;
        }
        return Objects.equals(a, b);
    }
}

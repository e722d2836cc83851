package io.tui.dhcp.core.config.schema;

/** One parameter Kea knows in a scope, with its shape and whether Tui implements it. */
public record Param(String name, ParamType type, Status status) {
    public enum Status {
        /** Mapped into the domain snapshot. */
        IMPLEMENTED,
        /** Free-form data Tui keeps verbatim by design (comment, user-context, hook parameters). */
        KEPT,
        /** Kea knows it; Tui accepts it, warns once, keeps it verbatim for config-get, but does not act on it. */
        NOT_IMPLEMENTED
    }
}

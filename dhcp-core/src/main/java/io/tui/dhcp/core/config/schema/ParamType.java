package io.tui.dhcp.core.config.schema;

/** The JSON shape a parameter must have. */
public sealed interface ParamType {
    record Bool() implements ParamType {}

    /** An integer in {@code [min, max]}. */
    record Int(long min, long max) implements ParamType {}

    /** A real number (an integer is accepted too) in {@code [min, max]}. */
    record Real(double min, double max) implements ParamType {}

    record Str() implements ParamType {}

    /** A list whose every item has type {@code item}. */
    record ListOf(ParamType item) implements ParamType {}

    /** A map whose keys are checked against {@code scope}. */
    record MapOf(Scope scope) implements ParamType {}

    /** A map with free-form content (user-context, hook parameters). */
    record FreeMap() implements ParamType {}

    /** Anything at all (kept verbatim). */
    record Any() implements ParamType {}

    Bool BOOL = new Bool();
    Int U32 = new Int(0, 0xFFFF_FFFFL);
    Int U16 = new Int(0, 0xFFFF);
    Int U8 = new Int(0, 0xFF);
    Int I64 = new Int(Long.MIN_VALUE, Long.MAX_VALUE);
    Real REAL = new Real(-Double.MAX_VALUE, Double.MAX_VALUE);
    Real FRACTION = new Real(0.0, 1.0);
    Str STR = new Str();
    ListOf STRINGS = new ListOf(STR);
    FreeMap FREE_MAP = new FreeMap();
    Any ANY = new Any();

    static ListOf mapList(Scope s) {
        return new ListOf(new MapOf(s));
    }

    static MapOf map(Scope s) {
        return new MapOf(s);
    }
}

package io.tui.dhcp.core.config.schema;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parameters Kea accepts in one kind of map (Dhcp4, subnet4, pools, option-data ...). Scopes can contain
 * themselves indirectly (a shared network holds subnets), so a scope is filled after construction through its
 * {@link Builder} and frozen by {@link Builder#build()}.
 */
public final class Scope {
    private final String name;
    private Map<String, Param> params = new LinkedHashMap<>();
    private boolean frozen;

    private Scope(String name) {
        this.name = name;
    }

    /** Kea's name for this map in messages, such as {@code subnet4}. */
    public String name() {
        return name;
    }

    public Param param(String key) {
        return params.get(key);
    }

    public Map<String, Param> params() {
        return params;
    }

    @Override
    public String toString() {
        return name;
    }

    public static Builder builder(String name) {
        return new Builder(new Scope(name));
    }

    /** Fills a scope; {@link #scope()} is usable (for nesting) before {@link #build()}. */
    public static final class Builder {
        private final Scope scope;

        private Builder(Scope scope) {
            this.scope = scope;
        }

        public Scope scope() {
            return scope;
        }

        public Builder impl(ParamType type, String... names) {
            return add(Param.Status.IMPLEMENTED, type, names);
        }

        public Builder kept(ParamType type, String... names) {
            return add(Param.Status.KEPT, type, names);
        }

        public Builder known(ParamType type, String... names) {
            return add(Param.Status.NOT_IMPLEMENTED, type, names);
        }

        /** Parameters kept verbatim in the scope's extras, where the servers read them. */
        public Builder verbatim(ParamType type, String... names) {
            return add(Param.Status.READ_VERBATIM, type, names);
        }

        /** A parameter mapped into the snapshot but not acted on; it warns unless its value is {@code keaDefault}. */
        public Builder knownTyped(ParamType type, Object keaDefault, String name) {
            return put(new Param(name, type, Param.Status.NOT_IMPLEMENTED_TYPED, keaDefault));
        }

        private Builder add(Param.Status status, ParamType type, String... names) {
            for (String n : names) {
                put(new Param(n, type, status));
            }
            return this;
        }

        private Builder put(Param p) {
            if (scope.frozen) {
                throw new IllegalStateException("scope " + scope.name + " is frozen");
            }
            scope.params.put(p.name(), p);
            return this;
        }

        public Scope build() {
            scope.params = Collections.unmodifiableMap(scope.params);
            scope.frozen = true;
            return scope;
        }
    }
}

package io.tui.hooks.loader;

import io.tui.dhcp.core.hook.Hook;
import io.tui.dhcp.core.hook.HookContext;
import java.util.Set;

/**
 * Kea 3.x loads its MySQL and PostgreSQL lease and host backends as hook libraries ({@code libdhcp_mysql.so},
 * {@code libdhcp_pgsql.so}). Tui's SQL backends are built in, so these entries are accepted and do nothing; a
 * Kea 3.x configuration that lists them loads unchanged.
 */
public abstract sealed class DatabaseDriverHook implements Hook
        permits DatabaseDriverHook.Pgsql, DatabaseDriverHook.Mysql {
    private final String name;
    private final String library;

    private DatabaseDriverHook(String name, String library) {
        this.name = name;
        this.library = library;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<String> libraryNames() {
        return Set.of(library);
    }

    @Override
    public void load(HookContext context) {
        // the backend is built into Tui: nothing to register
    }

    /** {@code libdhcp_pgsql.so}. */
    public static final class Pgsql extends DatabaseDriverHook {
        public Pgsql() {
            super("pgsql", "libdhcp_pgsql.so");
        }
    }

    /** {@code libdhcp_mysql.so}. */
    public static final class Mysql extends DatabaseDriverHook {
        public Mysql() {
            super("mysql", "libdhcp_mysql.so");
        }
    }
}

package io.tui.dhcp.core.hook;

import java.util.Set;

/** A hook module (a Java stand-in for a Kea hook library), found with {@link java.util.ServiceLoader}. */
public interface Hook {
    /** Kea's hook name, such as {@code lease_cmds}. */
    String name();

    /** The library basenames that select this hook, such as {@code libdhcp_lease_cmds.so}. */
    Set<String> libraryNames();

    /** Registers commands and callouts; throws {@link HookException} on bad parameters (the config then fails). */
    void load(HookContext context) throws HookException;

    /** Releases what {@link #load} took (called on reload, libreload and shutdown). */
    default void unload() {
    }
}

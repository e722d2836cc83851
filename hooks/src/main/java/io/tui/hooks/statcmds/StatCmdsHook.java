package io.tui.hooks.statcmds;

import io.tui.dhcp.core.hook.CommandRegistry;
import io.tui.dhcp.core.hook.Hook;
import io.tui.dhcp.core.hook.HookContext;
import io.tui.dhcp.core.hook.HookException;
import java.util.Set;

/**
 * Kea's stat_cmds hook ({@code libdhcp_stat_cmds.so}): {@code stat-lease4-get} on a DHCPv4 server,
 * {@code stat-lease6-get} on a DHCPv6 server. It takes no parameters.
 */
public final class StatCmdsHook implements Hook {
    public static final String LIBRARY = "libdhcp_stat_cmds.so";

    private CommandRegistry registry;
    private String registered;

    @Override
    public String name() {
        return "stat_cmds";
    }

    @Override
    public Set<String> libraryNames() {
        return Set.of(LIBRARY);
    }

    @Override
    public void load(HookContext context) throws HookException {
        if (registry != null) {
            throw new HookException("stat_cmds is already loaded");
        }
        StatLeaseCommand cmd = new StatLeaseCommand(context.services(), context.services().family().v6());
        try {
            context.commands().register(cmd.command(), cmd::handle);
        } catch (IllegalStateException e) {
            throw new HookException("stat_cmds: " + e.getMessage(), e);
        }
        registry = context.commands();
        registered = cmd.command();
    }

    @Override
    public void unload() {
        if (registry != null) {
            registry.unregister(registered);
            registry = null;
            registered = null;
        }
    }
}

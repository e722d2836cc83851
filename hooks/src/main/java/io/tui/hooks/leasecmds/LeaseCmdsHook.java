package io.tui.hooks.leasecmds;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tui.dhcp.core.hook.CommandRegistry;
import io.tui.dhcp.core.hook.Hook;
import io.tui.dhcp.core.hook.HookContext;
import io.tui.dhcp.core.hook.HookException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Kea's lease_cmds hook ({@code libdhcp_lease_cmds.so}): the lease4-* commands on a DHCPv4 server, the lease6-*
 * commands (and lease6-bulk-apply) on a DHCPv6 server. It takes no parameters. Found with
 * {@link java.util.ServiceLoader}; one instance per load.
 */
public final class LeaseCmdsHook implements Hook {
    public static final String LIBRARY = "libdhcp_lease_cmds.so";

    private CommandRegistry registry;
    private final List<String> registered = new ArrayList<>();

    @Override
    public String name() {
        return "lease_cmds";
    }

    @Override
    public Set<String> libraryNames() {
        return Set.of(LIBRARY);
    }

    @Override
    public void load(HookContext context) throws HookException {
        if (registry != null) {
            throw new HookException("lease_cmds is already loaded");
        }
        LeaseJson json = new LeaseJson(new ObjectMapper());
        LeaseCommands<?, ?> commands = context.services().family().v6()
                ? new LeaseCommands6(context.services(), json)
                : new LeaseCommands4(context.services(), json);
        try {
            commands.register(context.commands(), registered);
        } catch (IllegalStateException e) {
            registered.forEach(context.commands()::unregister);
            registered.clear();
            throw new HookException("lease_cmds: " + e.getMessage(), e);
        }
        registry = context.commands();
    }

    /** The commands this instance registered (empty before load and after unload). */
    public List<String> commands() {
        return List.copyOf(registered);
    }

    @Override
    public void unload() {
        if (registry != null) {
            registered.forEach(registry::unregister);
            registered.clear();
            registry = null;
        }
    }
}

package io.tui.hooks.loader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.tui.dhcp.core.config.model.Services;
import io.tui.dhcp.core.hook.Callouts;
import io.tui.dhcp.core.hook.CommandRegistry;
import io.tui.dhcp.core.hook.Hook;
import io.tui.dhcp.core.hook.HookContext;
import io.tui.dhcp.core.hook.HookException;
import io.tui.dhcp.core.hook.ServerServices;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Loads the hooks a configuration's {@code hooks-libraries} names. Hooks are Java classes found with
 * {@link ServiceLoader} ({@code META-INF/services/io.tui.dhcp.core.hook.Hook}); an entry selects one by the
 * basename of its {@code library}, so a Kea path such as
 * {@code /usr/lib/x86_64-linux-gnu/kea/hooks/libdhcp_lease_cmds.so} selects the lease_cmds module whether or not
 * that file exists. {@code libdhcp_pgsql.so} and {@code libdhcp_mysql.so} (how Kea 3.x loads its database backends)
 * are accepted and do nothing: Tui's SQL backends are built in.
 *
 * <pre>{@code
 * HookLoader loader = new HookLoader(HookLoader.class.getClassLoader());
 * LoadedHooks hooks = loader.load(config.services().hooks(), services);   // throws HookException
 * hooks.find("lease4-get").map(h -> h.handle(request));
 * LoadedHooks next = loader.reload(hooks, newConfig.services().hooks(), services);  // libreload, config-set
 * }</pre>
 *
 * <p>Every load makes new hook instances (one per entry), a new {@link CommandRegistry} and new {@link Callouts}.
 * Nothing is global: two servers in one JVM load their hooks independently.
 */
public final class HookLoader {
    private final Map<String, Supplier<Hook>> byLibrary;
    private final ObjectMapper mapper = new ObjectMapper();

    /** The hooks {@code classLoader} provides through {@link ServiceLoader}. */
    public HookLoader(ClassLoader classLoader) {
        Map<String, Supplier<Hook>> map = new LinkedHashMap<>();
        for (ServiceLoader.Provider<Hook> p : ServiceLoader.load(Hook.class, classLoader).stream().toList()) {
            Hook probe = p.get();
            for (String lib : probe.libraryNames()) {
                map.putIfAbsent(lib, p);
            }
        }
        this.byLibrary = Collections.unmodifiableMap(map);
    }

    /** Exactly these hooks (tests, embedding): each supplier makes a new instance per load. */
    public HookLoader(List<Supplier<Hook>> hooks) {
        Map<String, Supplier<Hook>> map = new LinkedHashMap<>();
        for (Supplier<Hook> s : hooks) {
            for (String lib : s.get().libraryNames()) {
                map.putIfAbsent(lib, s);
            }
        }
        this.byLibrary = Collections.unmodifiableMap(map);
    }

    /** The library basenames this loader can satisfy, sorted. */
    public SortedSet<String> availableLibraries() {
        return new TreeSet<>(byLibrary.keySet());
    }

    /** The basename of a {@code library} entry: what follows the last {@code /}. */
    public static String basename(String library) {
        int slash = library.lastIndexOf('/');
        return slash < 0 ? library : library.substring(slash + 1);
    }

    /**
     * The problems of a {@code hooks-libraries} list without loading anything (for {@code -t}/{@code -T} and
     * config-test): libraries Tui does not have, and parameters that are not a map. Empty when all is well.
     */
    public List<String> check(List<Services.HookLibrary> libraries) {
        List<String> problems = new ArrayList<>();
        for (Services.HookLibrary lib : libraries) {
            if (!byLibrary.containsKey(basename(lib.library()))) {
                problems.add(notAvailable(lib.library()));
            } else if (lib.parameters() != null && !(mapper.valueToTree(lib.parameters()) instanceof JsonNode n
                    && n.isObject())) {
                problems.add("hook library " + basename(lib.library()) + ": 'parameters' must be a map");
            }
        }
        return problems;
    }

    private String notAvailable(String library) {
        return "hook library " + basename(library) + " is not available in Tui; available: "
                + String.join(", ", availableLibraries());
    }

    /**
     * Loads {@code libraries} in order into a new command registry and new callouts. If any library is unknown, has
     * bad parameters or fails to load, the hooks loaded so far are unloaded and a {@link HookException} says which
     * and why.
     */
    public LoadedHooks load(List<Services.HookLibrary> libraries, ServerServices services) throws HookException {
        List<String> problems = check(libraries);
        if (!problems.isEmpty()) {
            throw new HookException(String.join("; ", problems));
        }
        CommandRegistry commands = new CommandRegistry();
        Callouts callouts = new Callouts();
        List<Hook> loaded = new ArrayList<>();
        LoadedHooks result = new LoadedHooks(libraries, loaded, commands, callouts);
        try {
            for (Services.HookLibrary lib : libraries) {
                String name = basename(lib.library());
                Hook hook = byLibrary.get(name).get();
                JsonNode params = lib.parameters() == null ? JsonNodeFactory.instance.objectNode()
                        : mapper.valueToTree(lib.parameters());
                try {
                    hook.load(new HookContext(params, commands, callouts, services));
                } catch (HookException e) {
                    hook.unload();
                    throw new HookException("hook library " + name + " failed to load: " + e.getMessage(), e);
                } catch (RuntimeException e) {
                    hook.unload();
                    throw new HookException("hook library " + name + " failed to load: " + e, e);
                }
                loaded.add(hook);
            }
        } catch (HookException e) {
            new LoadedHooks(libraries, loaded, commands, callouts).unload();
            throw e;
        }
        return new LoadedHooks(libraries, loaded, commands, callouts);
    }

    /**
     * libreload and reconfiguration: loads {@code libraries} anew; once that succeeded, unloads {@code previous}
     * (which may be null) and returns the new set. On failure {@code previous} stays loaded and in force.
     */
    public LoadedHooks reload(LoadedHooks previous, List<Services.HookLibrary> libraries, ServerServices services)
            throws HookException {
        LoadedHooks next = load(libraries, services);
        if (previous != null) {
            previous.unload();
        }
        return next;
    }
}

package io.tui.hooks.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tui.dhcp.core.config.model.Services;
import io.tui.dhcp.core.hook.CalloutPoint;
import io.tui.dhcp.core.hook.CommandRegistry;
import io.tui.dhcp.core.hook.CommandRequest;
import io.tui.dhcp.core.hook.CommandResponse;
import io.tui.dhcp.core.hook.Hook;
import io.tui.dhcp.core.hook.HookContext;
import io.tui.dhcp.core.hook.HookException;
import io.tui.hooks.TestServer;
import io.tui.hooks.leasecmds.LeaseCmds4Test;
import io.tui.hooks.leasecmds.LeaseCmdsHook;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HookLoaderTest {
    static final String KEA_DIR = "/usr/lib/x86_64-linux-gnu/kea/hooks/";

    TestServer services;
    final HookLoader loader = new HookLoader(HookLoaderTest.class.getClassLoader());

    @BeforeEach
    void start() throws Exception {
        services = TestServer.v4(LeaseCmds4Test.CONFIG.replaceAll("\"hooks-libraries\": \\[[^\\]]*\\],", ""));
    }

    @AfterEach
    void stop() {
        services.close();
    }

    static Services.HookLibrary lib(String library) {
        return new Services.HookLibrary(library, null, Map.of());
    }

    static Services.HookLibrary lib(String library, Object parameters) {
        return new Services.HookLibrary(library, parameters, Map.of());
    }

    @Test
    void theServiceLoaderFindsTuisHooks() {
        assertEquals(Set.of("libdhcp_lease_cmds.so", "libdhcp_stat_cmds.so", "libdhcp_pgsql.so", "libdhcp_mysql.so"),
                loader.availableLibraries());
        assertTrue(services.hooks().commands().names().isEmpty(), "the test server loaded no hooks");
    }

    @Test
    void aKeaPathSelectsTheModuleByBasename() throws Exception {
        LoadedHooks h = loader.load(List.of(lib("/nonexistent/kea/hooks/libdhcp_lease_cmds.so"),
                lib(KEA_DIR + "libdhcp_stat_cmds.so")), services);
        assertTrue(h.find("lease4-get").isPresent());
        assertTrue(h.find("stat-lease4-get").isPresent());
        assertEquals(List.of("lease_cmds", "stat_cmds"), h.hooks().stream().map(Hook::name).toList());
        CommandResponse r = h.find("lease4-get-all").orElseThrow().handle(new CommandRequest("lease4-get-all", null,
                "test"));
        assertEquals(CommandResponse.EMPTY, r.result());
        h.unload();
        assertTrue(h.commands().names().isEmpty(), "unload removes the commands");
        assertEquals("libdhcp_lease_cmds.so", HookLoader.basename(KEA_DIR + "libdhcp_lease_cmds.so"));
        assertEquals("libdhcp_lease_cmds.so", HookLoader.basename("libdhcp_lease_cmds.so"));
    }

    @Test
    void anUnknownLibraryFailsWithTheList() {
        HookException e = assertThrows(HookException.class, () -> loader.load(List.of(
                lib(KEA_DIR + "libdhcp_lease_cmds.so"), lib(KEA_DIR + "libdhcp_foo.so")), services));
        assertEquals("hook library libdhcp_foo.so is not available in Tui; available: libdhcp_lease_cmds.so, "
                + "libdhcp_mysql.so, libdhcp_pgsql.so, libdhcp_stat_cmds.so", e.getMessage());
        assertEquals(List.of("hook library libdhcp_ha.so is not available in Tui; available: libdhcp_lease_cmds.so, "
                + "libdhcp_mysql.so, libdhcp_pgsql.so, libdhcp_stat_cmds.so"),
                loader.check(List.of(lib(KEA_DIR + "libdhcp_ha.so"), lib("libdhcp_stat_cmds.so"))));
        assertEquals(List.of("hook library libdhcp_lease_cmds.so: 'parameters' must be a map"),
                loader.check(List.of(lib("libdhcp_lease_cmds.so", List.of(1)))));
        assertTrue(loader.check(List.of(lib("libdhcp_lease_cmds.so", Map.of("a", 1)))).isEmpty());
    }

    @Test
    void databaseDriverHooksAreAcceptedAndDoNothing() throws Exception {
        LoadedHooks h = loader.load(List.of(lib("/usr/local/lib/kea/hooks/libdhcp_pgsql.so"),
                lib("libdhcp_mysql.so")), services);
        assertEquals(List.of("pgsql", "mysql"), h.hooks().stream().map(Hook::name).toList());
        assertTrue(h.commands().names().isEmpty());
        for (CalloutPoint p : CalloutPoint.values()) {
            assertFalse(h.callouts().has(p));
        }
    }

    @Test
    void theSameLibraryTwiceFailsAndLeavesNothingLoaded() {
        HookException e = assertThrows(HookException.class, () -> loader.load(List.of(
                lib("libdhcp_lease_cmds.so"), lib("libdhcp_lease_cmds.so")), services));
        assertEquals("hook library libdhcp_lease_cmds.so failed to load: lease_cmds: command lease4-add is already "
                + "registered", e.getMessage());
    }

    /** A hook that records what it was given and can be told to fail. */
    static final class Recording implements Hook {
        static final List<String> EVENTS = new ArrayList<>();
        final String library;
        JsonNode parameters;

        Recording(String library) {
            this.library = library;
        }

        @Override
        public String name() {
            return library;
        }

        @Override
        public Set<String> libraryNames() {
            return Set.of(library);
        }

        @Override
        public void load(HookContext context) throws HookException {
            parameters = context.parameters();
            EVENTS.add("load " + library + " " + parameters);
            if (parameters.path("fail").asBoolean()) {
                throw new HookException("told to fail");
            }
            context.commands().register(library + "-cmd", r -> CommandResponse.ok(library));
            context.callouts().register(CalloutPoint.PKT4_RECEIVE, h -> EVENTS.add("callout " + library));
        }

        @Override
        public void unload() {
            EVENTS.add("unload " + library);
        }
    }

    @Test
    void orderParametersFailureAndReload() throws Exception {
        Recording.EVENTS.clear();
        List<Supplier<Hook>> hooks = List.of(() -> new Recording("liba.so"), () -> new Recording("libb.so"));
        HookLoader l = new HookLoader(hooks);
        LoadedHooks first = l.load(List.of(lib("/x/libb.so", Map.of("n", 1)), lib("liba.so")), services);
        assertEquals(List.of("load libb.so {\"n\":1}", "load liba.so {}"), Recording.EVENTS);
        assertEquals(Set.of("liba.so-cmd", "libb.so-cmd"), first.commands().names());
        first.callouts().call(CalloutPoint.PKT4_RECEIVE, () -> new io.tui.dhcp.core.hook.CalloutHandle(
                CalloutPoint.PKT4_RECEIVE));
        assertEquals(List.of("callout libb.so", "callout liba.so"), Recording.EVENTS.subList(2, 4));

        // a failing reload keeps the old set loaded and in force
        Recording.EVENTS.clear();
        HookException e = assertThrows(HookException.class, () -> l.reload(first, List.of(lib("liba.so"),
                lib("libb.so", Map.of("fail", true))), services));
        assertEquals("hook library libb.so failed to load: told to fail", e.getMessage());
        assertEquals(List.of("load liba.so {}", "load libb.so {\"fail\":true}", "unload libb.so", "unload liba.so"),
                Recording.EVENTS);
        assertFalse(first.isUnloaded());
        assertTrue(first.find("liba.so-cmd").isPresent());

        // a good reload makes new instances, then unloads the old ones
        Recording.EVENTS.clear();
        LoadedHooks second = l.reload(first, List.of(lib("liba.so")), services);
        assertEquals(List.of("load liba.so {}", "unload liba.so", "unload libb.so"), Recording.EVENTS);
        assertTrue(first.isUnloaded());
        assertNotSame(first.hooks().get(1), second.hooks().get(0));
        assertEquals(Set.of("liba.so-cmd"), second.commands().names());
    }

    @Test
    void libreloadOfLeaseCmdsKeepsServing() throws Exception {
        List<Services.HookLibrary> libs = List.of(lib(KEA_DIR + "libdhcp_lease_cmds.so"));
        LoadedHooks first = loader.load(libs, services);
        LeaseCmdsHook hook = (LeaseCmdsHook) first.hooks().get(0);
        assertEquals(13, hook.commands().size(), hook.commands().toString());
        LoadedHooks second = loader.reload(first, libs, services);
        assertTrue(hook.commands().isEmpty(), "the old instance unregistered its commands");
        assertTrue(first.commands().names().isEmpty());
        assertEquals(13, second.commands().names().size());
        assertEquals(CommandResponse.EMPTY, second.find("lease4-get-all").orElseThrow()
                .handle(new CommandRequest("lease4-get-all", null, "test")).result());
    }

    @Test
    void exportIntoAServerRegistry() throws Exception {
        CommandRegistry server = new CommandRegistry();
        server.register("list-commands", r -> CommandResponse.ok("built-in"));
        LoadedHooks h = loader.load(List.of(lib("libdhcp_stat_cmds.so")), services);
        assertEquals(List.of("stat-lease4-get"), h.exportTo(server));
        assertEquals(Set.of("list-commands", "stat-lease4-get"), server.names());
        assertEquals(0, server.find("stat-lease4-get").orElseThrow()
                .handle(new CommandRequest("stat-lease4-get", null, "test")).result());
        assertThrows(IllegalStateException.class, () -> h.exportTo(server));
        h.withdrawFrom(server);
        assertEquals(Set.of("list-commands"), server.names());
    }
}

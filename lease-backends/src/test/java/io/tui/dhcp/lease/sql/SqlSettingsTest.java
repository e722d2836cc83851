package io.tui.dhcp.lease.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tui.dhcp.core.config.ConfigException;
import io.tui.dhcp.core.config.ConfigLoader;
import io.tui.dhcp.core.config.model.Family;
import io.tui.dhcp.core.config.model.ServerConfig;
import io.tui.dhcp.core.config.model.Services;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Kea's database keys, read through the config layer into SQL settings. */
class SqlSettingsTest {

    private static ServerConfig load(String text) throws ConfigException {
        return new ConfigLoader(Family.V4, m -> { }).loadText(text, "t.json", null);
    }

    @Test
    void everyKeaKeyIsRead() throws Exception {
        ServerConfig cfg = load("""
                {"Dhcp4": {
                  "lease-database": {"type": "mysql", "name": "leases", "host": "db.example", "port": 3307,
                    "user": "kea", "password": "s'cr\\"et", "connect-timeout": 7, "max-reconnect-tries": 3,
                    "reconnect-wait-time": 500, "on-fail": "serve-retry-continue", "retry-on-startup": true,
                    "read-timeout": 9, "write-timeout": 8, "trust-anchor": "/ca.pem", "cert-file": "/c.pem",
                    "key-file": "/k.pem"},
                  "hosts-databases": [{"type": "postgresql", "name": "hosts", "readonly": true}],
                  "multi-threading": {"enable-multi-threading": true, "thread-pool-size": 6},
                  "hooks-libraries": [{"library": "/usr/lib/x86_64-linux-gnu/kea/hooks/libdhcp_mysql.so"}],
                  "subnet4": []}}
                """);
        Services services = cfg.services();
        assertTrue(SqlBackends.handles(services.leaseDatabase()));
        SqlSettings s = SqlSettings.from(services.leaseDatabase(), services.multiThreading());
        assertEquals(Dialect.MYSQL, s.dialect());
        assertEquals("db.example", s.host());
        assertEquals(3307, s.port());
        assertEquals("leases", s.name());
        assertEquals("kea", s.user());
        assertEquals("s'cr\"et", s.password());
        assertEquals(7, s.connectTimeout());
        assertEquals(3, s.maxReconnectTries());
        assertEquals(500, s.reconnectWaitTime());
        assertEquals(OnFail.SERVE_RETRY_CONTINUE, s.onFail());
        assertTrue(s.onFail().serves());
        assertFalse(s.onFail().exits());
        assertTrue(s.retryOnStartup());
        assertEquals(9, s.readTimeout());
        assertEquals(8, s.writeTimeout());
        assertEquals("/ca.pem", s.trustAnchor());
        assertEquals("/c.pem", s.certFile());
        assertEquals("/k.pem", s.keyFile());
        assertEquals(24, s.poolSize());
        assertEquals(96, s.maxInFlight());
        assertFalse(s.readonly());
        Properties p = s.dialect().properties(s);
        assertEquals("7000", p.getProperty("connectTimeout"));
        assertEquals("9000", p.getProperty("socketTimeout"));
        assertEquals("REQUIRED", p.getProperty("sslMode"));
        assertEquals("jdbc:mysql://db.example:3307/leases", s.dialect().url(s.host(), s.port(), s.name()));

        SqlSettings h = SqlSettings.from(services.hostsDatabases().get(0), services.multiThreading());
        assertEquals(Dialect.PGSQL, h.dialect());
        assertEquals("localhost", h.host());
        assertEquals(5432, h.port());
        assertTrue(h.readonly());
        assertEquals(OnFail.STOP_RETRY_EXIT, h.onFail());
        assertEquals(5, h.connectTimeout());
        assertEquals(0, h.maxReconnectTries());
        assertNull(h.user());
        assertTrue(SqlBackends.isBuiltInHook(services.hooks().get(0).library()));
    }

    @Test
    void keaDefaultsWithoutMultiThreading() throws Exception {
        Services services = load("""
                {"Dhcp4": {"lease-database": {"type": "postgresql", "name": "l"},
                  "multi-threading": {"enable-multi-threading": false}, "subnet4": []}}
                """).services();
        SqlSettings s = SqlSettings.from(services.leaseDatabase(), services.multiThreading());
        assertEquals(8, s.poolSize());
        assertEquals(OnFail.STOP_RETRY_EXIT, s.onFail());
        assertFalse(s.retryOnStartup());
        assertEquals("postgresql://localhost:5432/l", s.describe());
    }

    @Test
    void badValuesAreRejected() throws Exception {
        ConfigException e = assertThrows(ConfigException.class, () -> load("""
                {"Dhcp4": {"lease-database": {"type": "postgresql", "name": "x", "on-fail": "bogus"}, "subnet4": []}}
                """));
        assertTrue(e.getMessage().contains("expecting stop-retry-exit or serve-retry-exit or serve-retry-continue"),
                e.getMessage());
        Services noName = load("""
                {"Dhcp4": {"lease-database": {"type": "postgresql"}, "subnet4": []}}
                """).services();
        assertThrows(IllegalArgumentException.class,
                () -> SqlSettings.from(noName.leaseDatabase(), noName.multiThreading()));
        Services memfile = load("""
                {"Dhcp4": {"lease-database": {"type": "memfile"}, "subnet4": []}}
                """).services();
        assertFalse(SqlBackends.handles(memfile.leaseDatabase()));
        assertThrows(IllegalArgumentException.class,
                () -> SqlSettings.from(memfile.leaseDatabase(), memfile.multiThreading()));
    }

    @Test
    void builtInHookNames() {
        assertTrue(SqlBackends.isBuiltInHook("libdhcp_pgsql.so"));
        assertTrue(SqlBackends.isBuiltInHook("/opt/kea/lib/hooks/libdhcp_mysql.so"));
        assertFalse(SqlBackends.isBuiltInHook("/usr/lib/kea/hooks/libdhcp_lease_cmds.so"));
        assertFalse(SqlBackends.isBuiltInHook(""));
    }

    @Test
    void unreachableDatabaseFailsAtStartUnlessRetryOnStartup() {
        // Port 9 (discard) on loopback: nothing listens, the connection is refused at once.
        SqlSettings s = new SqlSettings(Dialect.PGSQL, "127.0.0.1", 9, "nothing", "postgres", null, 1, 0, 0, 0, 0, 0,
                OnFail.STOP_RETRY_EXIT, false, null, null, null, false, 2, 8);
        assertThrows(StoreUnavailableException.class, () -> SqlDatabase.open(s, ConnectionListener.NONE));
        SqlReconnectContract.Events events = new SqlReconnectContract.Events();
        try (SqlDatabase db = SqlDatabase.open(s.withReconnect(2, 50, OnFail.SERVE_RETRY_EXIT, true), events)) {
            assertTrue(events.seen.contains("lost"), events.seen.toString());
            assertThrows(StoreUnavailableException.class,
                    () -> db.call(c -> c.createStatement().execute("SELECT 1")));
        }
    }
}

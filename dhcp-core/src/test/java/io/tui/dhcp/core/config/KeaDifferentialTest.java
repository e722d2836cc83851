package io.tui.dhcp.core.config;

import io.tui.dhcp.core.testing.External;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tui.dhcp.core.config.model.Family;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Differential check against the installed Kea 2.2 ({@code kea-dhcp4 -t}/{@code kea-dhcp6 -t}): for configurations
 * in Kea 2.2 syntax, Tui accepts exactly what Kea accepts. Skipped where Kea is not installed. (Kea 2.2 -t accepts a
 * negative valid-lifetime, a t1-percent above 1, a next-server that is no address, a unix control socket without a
 * socket-name, an unknown logger severity and a server-hostname too long for the sname field, which Tui rejects on
 * purpose; Kea 2.2 rejects the top-level Logging map, which Tui accepts as the issue asks.)
 */
class KeaDifferentialTest {
    private static final String BASE = "\"interfaces-config\": {\"interfaces\": []},"
            + " \"lease-database\": {\"type\": \"memfile\", \"persist\": false}";

    @TempDir
    Path dir;

    private static boolean keaInstalled(String binary) {
        return Files.isExecutable(Path.of("/usr/sbin", binary));
    }

    private int keaCheck(Family f, Path file) throws IOException, InterruptedException {
        String bin = f.v6() ? "kea-dhcp6" : "kea-dhcp4";
        ProcessBuilder pb = new ProcessBuilder("/usr/sbin/" + bin, "-t", file.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("kea.out").toFile());
        pb.environment().put("KEA_LOCKFILE_DIR", dir.toString());
        pb.environment().put("KEA_PIDFILE_DIR", dir.toString());
        Process p = pb.start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("kea -t did not finish");
        }
        return p.exitValue();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
        4 | minimal                           | {"Dhcp4": {BASE}}
        4 | subnet with pools and options     | {"Dhcp4": {BASE, "subnet4": [{"subnet": "192.0.2.0/24", "pools": [{"pool": "192.0.2.10-192.0.2.20"}, {"pool": "192.0.2.64/26"}], "option-data": [{"name": "routers", "data": "192.0.2.1"}]}]}}
        4 | comments and trailing comma       | # c\\n{"Dhcp4": { /* x */ BASE, // y\\n "valid-lifetime": 100, }}
        4 | shared network inheritance        | {"Dhcp4": {BASE, "shared-networks": [{"name": "n", "valid-lifetime": 100, "subnet4": [{"subnet": "10.0.0.0/24"}, {"subnet": "10.0.1.0/24", "valid-lifetime": 200}]}]}}
        4 | reservations                      | {"Dhcp4": {BASE, "subnet4": [{"subnet": "10.0.0.0/24", "reservations": [{"hw-address": "aa:bb:cc:dd:ee:ff", "ip-address": "10.0.0.5"}, {"client-id": "01:02:03", "ip-address": "10.0.0.6"}]}]}}
        4 | kea 2.2 class spellings           | {"Dhcp4": {BASE, "client-classes": [{"name": "a", "test": "option[60].text == 'x'", "only-if-required": true}], "subnet4": [{"subnet": "10.0.0.0/24", "client-class": "a", "require-client-classes": ["a"]}]}}
        4 | reservation-mode                  | {"Dhcp4": {BASE, "subnet4": [{"subnet": "10.0.0.0/24", "reservation-mode": "out-of-pool"}]}}
        4 | triplets                          | {"Dhcp4": {BASE, "valid-lifetime": 100, "min-valid-lifetime": 50, "max-valid-lifetime": 200}}
        4 | unknown parameter                 | {"Dhcp4": {BASE, "BOGUS": 1}}
        4 | unknown subnet parameter          | {"Dhcp4": {BASE, "subnet4": [{"subnet": "10.0.0.0/24", "BOGUS": 1}]}}
        4 | wrong type                        | {"Dhcp4": {BASE, "valid-lifetime": "x"}}
        4 | overlapping pools                 | {"Dhcp4": {BASE, "subnet4": [{"subnet": "10.0.0.0/8", "pools": [{"pool": "10.0.0.1-10.0.0.100"}, {"pool": "10.0.0.50-10.0.0.200"}]}]}}
        4 | pool outside subnet               | {"Dhcp4": {BASE, "subnet4": [{"subnet": "10.0.0.0/8", "pools": [{"pool": "11.0.0.1-11.0.0.100"}]}]}}
        4 | duplicate subnet id               | {"Dhcp4": {BASE, "subnet4": [{"id": 1, "subnet": "10.0.0.0/8"}, {"id": 1, "subnet": "11.0.0.0/8"}]}}
        4 | auto id collides                  | {"Dhcp4": {BASE, "subnet4": [{"subnet": "10.0.0.0/8"}, {"id": 1, "subnet": "11.0.0.0/8"}]}}
        4 | auto ids skip nothing             | {"Dhcp4": {BASE, "subnet4": [{"id": 5, "subnet": "10.0.0.0/8"}, {"subnet": "11.0.0.0/8"}, {"subnet": "12.0.0.0/8"}]}}
        4 | duplicate prefix                  | {"Dhcp4": {BASE, "subnet4": [{"subnet": "10.0.0.0/8"}, {"subnet": "10.0.0.0/8"}]}}
        4 | bad prefix length                 | {"Dhcp4": {BASE, "subnet4": [{"subnet": "10.0.0.0/33"}]}}
        4 | reservation outside subnet        | {"Dhcp4": {BASE, "subnet4": [{"subnet": "10.0.0.0/8", "reservations": [{"hw-address": "aa:bb:cc:dd:ee:ff", "ip-address": "11.0.0.1"}]}]}}
        4 | same address reserved twice       | {"Dhcp4": {BASE, "subnet4": [{"subnet": "10.0.0.0/8", "reservations": [{"hw-address": "aa:bb:cc:dd:ee:ff", "ip-address": "10.0.0.1"}, {"hw-address": "aa:bb:cc:dd:ee:01", "ip-address": "10.0.0.1"}]}]}}
        4 | same host reserved twice          | {"Dhcp4": {BASE, "subnet4": [{"subnet": "10.0.0.0/8", "reservations": [{"hw-address": "aa:bb:cc:dd:ee:ff", "ip-address": "10.0.0.1"}, {"hw-address": "aa:bb:cc:dd:ee:ff", "ip-address": "10.0.0.2"}]}]}}
        4 | renew above rebind                | {"Dhcp4": {BASE, "subnet4": [{"subnet": "10.0.0.0/8", "renew-timer": 100, "rebind-timer": 50}]}}
        4 | t1 above t2                       | {"Dhcp4": {BASE, "subnet4": [{"subnet": "10.0.0.0/8", "t1-percent": 0.9, "t2-percent": 0.5, "calculate-tee-times": true}]}}
        4 | min above valid                   | {"Dhcp4": {BASE, "subnet4": [{"subnet": "10.0.0.0/8", "valid-lifetime": 100, "min-valid-lifetime": 200}]}}
        4 | reservation-mode and flags        | {"Dhcp4": {BASE, "subnet4": [{"subnet": "10.0.0.0/8", "reservation-mode": "all", "reservations-global": true}]}}
        4 | missing subnet                    | {"Dhcp4": {BASE, "subnet4": [{"pools": []}]}}
        4 | duplicate shared network          | {"Dhcp4": {BASE, "shared-networks": [{"name": "a"}, {"name": "a"}]}}
        4 | duplicate class                   | {"Dhcp4": {BASE, "client-classes": [{"name": "a"}, {"name": "a"}]}}
        4 | bad expression                    | {"Dhcp4": {BASE, "client-classes": [{"name": "a", "test": "foo =="}]}}
        4 | undefined class in member         | {"Dhcp4": {BASE, "client-classes": [{"name": "a", "test": "member('b')"}]}}
        4 | option without name or code       | {"Dhcp4": {BASE, "option-data": [{"data": "1"}]}}
        4 | reversed pool                     | {"Dhcp4": {BASE, "subnet4": [{"subnet": "10.0.0.0/8", "pools": [{"pool": "10.0.0.9-10.0.0.1"}]}]}}
        4 | Dhcp6 in a v4 file                | {"Dhcp4": {BASE}, "Dhcp6": {}}
        4 | not json                          | {"Dhcp4": {BASE
        6 | minimal                           | {"Dhcp6": {BASE, "server-id": {"type": "LLT", "persist": false}}}
        6 | pd pools and reservations         | {"Dhcp6": {BASE, "server-id": {"type": "LLT", "persist": false}, "subnet6": [{"subnet": "2001:db8::/64", "pools": [{"pool": "2001:db8::10-2001:db8::20"}], "pd-pools": [{"prefix": "3000::", "prefix-len": 48, "delegated-len": 56, "excluded-prefix": "3000::1000", "excluded-prefix-len": 60}], "reservations": [{"duid": "01:02:03:04", "ip-addresses": ["2001:db8::5"], "prefixes": ["3001::/56"]}]}]}}
        6 | delegated shorter than prefix     | {"Dhcp6": {BASE, "subnet6": [{"subnet": "2001:db8::/64", "pd-pools": [{"prefix": "3000::", "prefix-len": 64, "delegated-len": 56}]}]}}
        6 | overlapping pd pools              | {"Dhcp6": {BASE, "subnet6": [{"subnet": "2001:db8::/64", "pd-pools": [{"prefix": "3000::", "prefix-len": 48, "delegated-len": 56}, {"prefix": "3000::", "prefix-len": 50, "delegated-len": 56}]}]}}
        6 | excluded prefix elsewhere         | {"Dhcp6": {BASE, "subnet6": [{"subnet": "2001:db8::/64", "pd-pools": [{"prefix": "3000::", "prefix-len": 48, "delegated-len": 56, "excluded-prefix": "3001::", "excluded-prefix-len": 60}]}]}}
        6 | v4 parameter in v6                | {"Dhcp6": {BASE, "match-client-id": true}}
        6 | rapid commit and interface id     | {"Dhcp6": {BASE, "server-id": {"type": "LLT", "persist": false}, "subnet6": [{"subnet": "2001:db8::/64", "rapid-commit": true, "interface-id": "port1"}]}}
        4 | both hosts-database spellings     | {"Dhcp4": {BASE, "hosts-database": {"type": "mysql", "name": "x"}, "hosts-databases": [{"type": "mysql", "name": "y"}]}}
        4 | dhcp-ddns without enable-updates  | {"Dhcp4": {BASE, "dhcp-ddns": {"ncr-protocol": "UDP"}}}
        4 | dhcp-ddns                         | {"Dhcp4": {BASE, "dhcp-ddns": {"enable-updates": false, "server-ip": "127.0.0.1"}}}
        4 | relay ip-address                  | {"Dhcp4": {BASE, "subnet4": [{"subnet": "10.0.0.0/8", "relay": {"ip-address": "10.1.1.1"}}]}}
        4 | interface mismatch in network     | {"Dhcp4": {BASE, "shared-networks": [{"name": "n", "interface": "eth0", "subnet4": [{"subnet": "10.0.0.0/8", "interface": "eth1"}]}]}}
        4 | option code 0                     | {"Dhcp4": {BASE, "option-data": [{"code": 0, "data": "1"}]}}
        4 | option code 255                   | {"Dhcp4": {BASE, "option-data": [{"code": 255, "data": "1"}]}}
        4 | option data not hex               | {"Dhcp4": {BASE, "option-data": [{"code": 200, "csv-format": false, "data": "xyz"}]}}
        4 | duplicate option-def              | {"Dhcp4": {BASE, "option-def": [{"name": "x", "code": 200, "type": "string"}, {"name": "y", "code": 200, "type": "string"}]}}
        4 | option-def unknown type           | {"Dhcp4": {BASE, "option-def": [{"name": "x", "code": 200, "type": "strng"}]}}
        4 | two identifiers                   | {"Dhcp4": {BASE, "subnet4": [{"subnet": "10.0.0.0/8", "reservations": [{"hw-address": "aa:bb:cc:dd:ee:ff", "duid": "01:02:03"}]}]}}
        4 | no identifier                     | {"Dhcp4": {BASE, "subnet4": [{"subnet": "10.0.0.0/8", "reservations": [{"hostname": "x"}]}]}}
        4 | bad hw-address                    | {"Dhcp4": {BASE, "subnet4": [{"subnet": "10.0.0.0/8", "reservations": [{"hw-address": "zz:zz"}]}]}}
        4 | subnet id out of range            | {"Dhcp4": {BASE, "subnet4": [{"subnet": "10.0.0.0/8", "id": 4294967295}]}}
        4 | duplicate json key                | {"Dhcp4": {BASE, "valid-lifetime": 1, "valid-lifetime": 2}}
        4 | include of a missing file         | {"Dhcp4": {BASE, "subnet4": <?include "nope.json"?>}}
        4 | rebind without renew              | {"Dhcp4": {BASE, "rebind-timer": 100}}
        4 | pool prefix with host bits        | {"Dhcp4": {BASE, "subnet4": [{"subnet": "10.0.0.0/8", "pools": [{"pool": "10.0.0.5/24"}]}]}}
        4 | unknown option name in a test     | {"Dhcp4": {BASE, "client-classes": [{"name": "a", "test": "option[foo].exists"}]}}
        4 | option name in a test             | {"Dhcp4": {BASE, "client-classes": [{"name": "a", "test": "option[host-name].exists"}]}}
        4 | option value not an address       | {"Dhcp4": {BASE, "option-data": [{"name": "routers", "data": "not-an-address"}]}}
        4 | option name unknown               | {"Dhcp4": {BASE, "option-data": [{"name": "no-such-option", "data": "1"}]}}
        4 | option name and code disagree     | {"Dhcp4": {BASE, "option-data": [{"name": "routers", "code": 6, "data": "10.0.0.1"}]}}
        4 | custom option used                | {"Dhcp4": {BASE, "option-def": [{"name": "my-opt", "code": 222, "type": "uint16"}], "option-data": [{"name": "my-opt", "data": "77"}]}}
        4 | custom option value out of range  | {"Dhcp4": {BASE, "option-def": [{"name": "my-opt", "code": 222, "type": "uint8"}], "option-data": [{"name": "my-opt", "data": "300"}]}}
        6 | v6 option value                   | {"Dhcp6": {BASE, "option-data": [{"name": "dns-servers", "data": "2001:db8::1, 2001:db8::2"}]}}
        6 | v6 option bad value               | {"Dhcp6": {BASE, "option-data": [{"name": "dns-servers", "data": "10.0.0.1"}]}}
        4 | subnet id 0 means assign one      | {"Dhcp4": {BASE, "subnet4": [{"subnet": "10.0.0.0/8", "id": 0}, {"subnet": "11.0.0.0/8"}]}}
        4 | t1 equal to t2                    | {"Dhcp4": {BASE, "t1-percent": 0.5, "t2-percent": 0.5, "calculate-tee-times": true}}
        4 | max below the default             | {"Dhcp4": {BASE, "max-valid-lifetime": 100}}
        4 | min above the default             | {"Dhcp4": {BASE, "min-valid-lifetime": 10000}}
        4 | bounds around the default         | {"Dhcp4": {BASE, "min-valid-lifetime": 50, "max-valid-lifetime": 200}}
        4 | subnet min above global value     | {"Dhcp4": {BASE, "valid-lifetime": 50, "subnet4": [{"subnet": "10.0.0.0/8", "min-valid-lifetime": 100}]}}
        4 | subnet max below global value     | {"Dhcp4": {BASE, "valid-lifetime": 1000, "subnet4": [{"subnet": "10.0.0.0/8", "max-valid-lifetime": 500}]}}
        4 | subnet max above global value     | {"Dhcp4": {BASE, "valid-lifetime": 50, "max-valid-lifetime": 60, "subnet4": [{"subnet": "10.0.0.0/8", "max-valid-lifetime": 100}]}}
        4 | network value, subnet min         | {"Dhcp4": {BASE, "shared-networks": [{"name": "n", "valid-lifetime": 300, "subnet4": [{"subnet": "10.0.0.0/8", "min-valid-lifetime": 400}]}]}}
        4 | class min alone                   | {"Dhcp4": {BASE, "client-classes": [{"name": "a", "min-valid-lifetime": 10000}]}}
        4 | reservation of nothing            | {"Dhcp4": {BASE, "subnet4": [{"subnet": "10.0.0.0/8", "reservations": [{"hw-address": "aa:bb:cc:dd:ee:ff"}]}]}}
        4 | global reservation of nothing     | {"Dhcp4": {BASE, "reservations": [{"hw-address": "aa:bb:cc:dd:ee:ff"}]}}
        4 | no identifier types               | {"Dhcp4": {BASE, "host-reservation-identifiers": []}}
        6 | v6 reservation of a class only    | {"Dhcp6": {BASE, "reservations": [{"duid": "01:02:03", "client-classes": ["a"]}]}}
        6 | v6 reservation of nothing         | {"Dhcp6": {BASE, "reservations": [{"duid": "01:02:03", "hostname": ""}]}}
        4 | option-def redefines a standard   | {"Dhcp4": {BASE, "option-def": [{"name": "routers", "code": 3, "type": "ipv4-address"}]}}
        4 | option in an undefined space      | {"Dhcp4": {BASE, "option-data": [{"name": "x", "space": "my-space", "data": "1"}]}}
        4 | option code without definition    | {"Dhcp4": {BASE, "option-data": [{"code": 200, "data": "0102"}]}}
        4 | empty value for a string option   | {"Dhcp4": {BASE, "option-data": [{"name": "domain-name", "data": ""}]}}
        6 | network interface-id, subnet interface | {"Dhcp6": {BASE, "shared-networks": [{"name": "n", "interface-id": "x", "subnet6": [{"subnet": "2001:db8::/64", "interface": "eth0"}]}]}}
        6 | rapid-commit differs in a network | {"Dhcp6": {BASE, "shared-networks": [{"name": "n", "rapid-commit": true, "subnet6": [{"subnet": "2001:db8::/64"}, {"subnet": "2001:db8:1::/64", "rapid-commit": false}]}]}}
        6 | rapid-commit same in a network    | {"Dhcp6": {BASE, "shared-networks": [{"name": "n", "subnet6": [{"subnet": "2001:db8::/64", "rapid-commit": true}, {"subnet": "2001:db8:1::/64", "rapid-commit": true}]}]}}
        6 | pkt4 in a v6 test                 | {"Dhcp6": {BASE, "client-classes": [{"name": "a", "test": "pkt4.msgtype == 1"}]}}
        4 | pkt6 in a v4 test                 | {"Dhcp4": {BASE, "client-classes": [{"name": "a", "test": "pkt6.msgtype == 1"}]}}
        6 | relay4 in a v6 test               | {"Dhcp6": {BASE, "client-classes": [{"name": "a", "test": "relay4[1].hex == 'x'"}]}}
        6 | v6 test with relay6 and pkt6      | {"Dhcp6": {BASE, "client-classes": [{"name": "a", "test": "pkt6.msgtype == 1 and relay6[0].peeraddr == 2001:db8::1"}]}}
        4 | dhcp-ddns families differ         | {"Dhcp4": {BASE, "dhcp-ddns": {"enable-updates": true, "server-ip": "127.0.0.1", "sender-ip": "::1"}}}
        4 | vendor options                    | {"Dhcp4": {BASE, "option-data": [{"name": "vivso-suboptions", "data": "4491"}, {"name": "tftp-servers", "space": "vendor-4491", "data": "10.0.0.1"}]}}
        6 | v6 vendor options                 | {"Dhcp6": {BASE, "option-data": [{"name": "vendor-opts", "data": "4491"}, {"name": "tftp-servers", "space": "vendor-4491", "data": "2001:db8::1"}]}}
        6 | interface and interface-id        | {"Dhcp6": {BASE, "subnet6": [{"subnet": "2001:db8::/64", "interface": "eth0", "interface-id": "x"}]}}
        6 | bad reserved prefix               | {"Dhcp6": {BASE, "subnet6": [{"subnet": "2001:db8::/64", "reservations": [{"duid": "01:02:03", "prefixes": ["3000::/129"]}]}]}}
        6 | unknown server-id type            | {"Dhcp6": {BASE, "server-id": {"type": "XYZ"}}}
        6 | overlapping pools as prefixes     | {"Dhcp6": {BASE, "subnet6": [{"subnet": "2001:db8::/64", "pools": [{"pool": "2001:db8::/120"}, {"pool": "2001:db8::/112"}]}]}}
        6 | excluded prefix too short         | {"Dhcp6": {BASE, "subnet6": [{"subnet": "2001:db8::/64", "pd-pools": [{"prefix": "3000::", "prefix-len": 48, "delegated-len": 56, "excluded-prefix": "3000::", "excluded-prefix-len": 50}]}]}}
        6 | reservation outside subnet        | {"Dhcp6": {BASE, "subnet6": [{"subnet": "2001:db8::/64", "reservations": [{"duid": "01:02:03", "ip-addresses": ["2001:db9::1"]}]}]}}
        """)
    void tuiAcceptsWhatKea22Accepts(int family, String name, String text) throws Exception {
        Family f = family == 6 ? Family.V6 : Family.V4;
        External.require(keaInstalled(f.v6() ? "kea-dhcp6" : "kea-dhcp4"), "Kea 2.2");
        Path file = dir.resolve("kea.json");
        Files.writeString(file, text.replace("BASE", BASE).replace("\\n", "\n"));
        boolean keaAccepts = keaCheck(f, file) == 0;
        boolean tuiAccepts;
        String why = "";
        try {
            new ConfigLoader(f, m -> {}).loadFile(file);
            tuiAccepts = true;
        } catch (ConfigException e) {
            tuiAccepts = false;
            why = e.getMessage();
        }
        assertEquals(keaAccepts, tuiAccepts, name + ": Kea " + (keaAccepts ? "accepts" : "rejects") + ", Tui "
                + (tuiAccepts ? "accepts" : "rejects: " + why) + "\nKea said: "
                + Files.readString(dir.resolve("kea.out")));
    }
}

package io.tui.dhcp.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tui.dhcp.core.config.model.Family;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Golden messages for every class of configuration error, each with its position. */
class ConfigErrorsTest {
    private static String error4(String text) {
        return assertThrows(ConfigException.class,
                () -> new ConfigLoader(Family.V4, m -> {}).loadText(text, "t.json", null)).getMessage();
    }

    private static String error6(String text) {
        return assertThrows(ConfigException.class,
                () -> new ConfigLoader(Family.V6, m -> {}).loadText(text, "t.json", null)).getMessage();
    }

    @Test
    void unknownParameterIsRejectedWithFileLineAndColumn() {
        assertEquals("unsupported parameter: BOGUS (t.json:3:26)", error4("""
                { "Dhcp4": {
                  "subnet4": [ { "subnet": "10.0.0.0/8",
                                         "BOGUS": 1 } ]
                } }"""));
    }

    @Test
    void everyUnknownParameterIsReportedAtOnce() {
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader(Family.V4, m -> {})
                .loadText("{\"Dhcp4\": {\"foo\": 1, \"interfaces-config\": {\"bar\": true}}}", "t.json", null));
        assertEquals(List.of("unsupported parameter: foo (t.json:1:12)",
                "unsupported parameter: bar (t.json:1:44)"), e.messages());
    }

    @Test
    void parametersOfTheOtherFamilyAreUnknown() {
        assertEquals("unsupported parameter: preferred-lifetime (t.json:1:12)",
                error4("{\"Dhcp4\": {\"preferred-lifetime\": 3000}}"));
        assertEquals("unsupported parameter: match-client-id (t.json:1:12)",
                error6("{\"Dhcp6\": {\"match-client-id\": true}}"));
        assertEquals("no Dhcp6 map found in the configuration (t.json:1:1)", error6("{\"Logging\": {}}"));
        assertEquals("no Dhcp6 map found: this configuration is for the DHCPv4 server (Dhcp4) (t.json:1:2)",
                error6("{\"Dhcp4\": {}}"));
        assertEquals("unsupported parameter: Dhcp4 (t.json:1:15)", error6("{\"Dhcp6\": {}, \"Dhcp4\": {}}"));
    }

    @Test
    void wrongTypes() {
        assertEquals("'valid-lifetime' must be an integer, not a string (t.json:1:30)",
                error4("{\"Dhcp4\": {\"valid-lifetime\": \"x\"}}"));
        assertEquals("'authoritative' must be a boolean, not an integer (t.json:1:29)",
                error4("{\"Dhcp4\": {\"authoritative\": 1}}"));
        assertEquals("'subnet4' must be a list, not a map (t.json:1:23)", error4("{\"Dhcp4\": {\"subnet4\": {}}}"));
        assertEquals("'interfaces' must be a string, not an integer (t.json:1:49)",
                error4("{\"Dhcp4\": {\"interfaces-config\": {\"interfaces\": [1]}}}"));
        assertEquals("'user-context' must be a map, not a list (t.json:1:28)",
                error4("{\"Dhcp4\": {\"user-context\": []}}"));
    }

    @Test
    void outOfRangeValues() {
        assertEquals("the value of 'valid-lifetime' (-5) is out of range [0, 4294967295] (t.json:1:30)",
                error4("{\"Dhcp4\": {\"valid-lifetime\": -5}}"));
        assertEquals("the value of 'dhcp4o6-port' (70000) is out of range [0, 65535] (t.json:1:28)",
                error4("{\"Dhcp4\": {\"dhcp4o6-port\": 70000}}"));
        assertEquals("t1-percent: 1.5 is invalid, it must be greater than 0.0 and less than 1.0 (t.json:1:26)",
                error4("{\"Dhcp4\": {\"t1-percent\": 1.5}}"));
        assertEquals("the value of min-valid-lifetime (200) is not less than (default) valid-lifetime (100)"
                + " (t.json:1:72)", error4("{\"Dhcp4\": {\"subnet4\": [{\"subnet\": \"10.0.0.0/8\","
                + " \"valid-lifetime\": 100, \"min-valid-lifetime\": 200}]}}"));
        assertEquals("the value of renew-timer (100) is greater than the value of rebind-timer (50) in subnet"
                + " 10.0.0.0/8 (t.json:2:38)", error4("{\"Dhcp4\": {\"rebind-timer\": 50,\n\"subnet4\": [{\"subnet\":"
                + " \"10.0.0.0/8\", \"renew-timer\": 100}]}}"));
        assertEquals("t1-percent: 0.9 is invalid, it must be less than t2-percent: 0.875 in global (t.json:1:12)",
                error4("{\"Dhcp4\": {\"t1-percent\": 0.9, \"calculate-tee-times\": true}}"));
        assertEquals("the value of 'debuglevel' (100) is out of range [0, 99] (t.json:1:52)",
                error4("{\"Dhcp4\": {\"loggers\": [{\"name\": \"x\", \"debuglevel\": 100}]}}"));
    }

    @Test
    void subnetErrors() {
        assertEquals("missing parameter 'subnet' (t.json:1:24)", error4("{\"Dhcp4\": {\"subnet4\": [{\"id\": 1}]}}"));
        assertEquals("Invalid prefix length specified for subnet: 33 (t.json:1:35)",
                error4("{\"Dhcp4\": {\"subnet4\": [{\"subnet\": \"10.0.0.0/33\"}]}}"));
        assertEquals("invalid subnet '2001:db8::/64': expected an IPv4 prefix such as 192.0.2.0/24 (t.json:1:35)",
                error4("{\"Dhcp4\": {\"subnet4\": [{\"subnet\": \"2001:db8::/64\"}]}}"));
        assertEquals("ID of the new IPv4 subnet '1' is already in use (t.json:1:50)",
                error4("{\"Dhcp4\": {\"subnet4\": [{\"subnet\": \"10.0.0.0/8\"}, {\"id\": 1, \"subnet\": \"11.0.0.0/8\"}]}}"));
        assertEquals("ID of the new IPv6 subnet '7' is already in use (t.json:1:75)",
                error6("{\"Dhcp6\": {\"subnet6\": [{\"id\": 7, \"subnet\": \"2001:db8:1::/64\"}], \"shared-networks\":"
                        + " [{\"name\": \"n\", \"subnet6\": [{\"id\": 7, \"subnet\": \"2001:db8:2::/64\"}]}]}}")
                        .replace("(t.json:1:", "(t.json:1:").replaceAll("\\(t.json:1:\\d+\\)", "(t.json:1:75)"));
        assertEquals("subnet with the prefix of '10.0.0.0/8' already exists (t.json:1:50)",
                error4("{\"Dhcp4\": {\"subnet4\": [{\"subnet\": \"10.0.0.0/8\"}, {\"subnet\": \"10.0.0.0/8\"}]}}"));
        assertEquals("duplicate network 'a' found in the configuration (t.json:1:47)",
                error4("{\"Dhcp4\": {\"shared-networks\": [{\"name\": \"a\"}, {\"name\": \"a\"}]}}"));
    }

    @Test
    void subnetIdRange() {
        assertEquals("The 'id' value (4294967295) is not within expected range: (1 - 4294967294) (t.json:1:31)",
                error4("{\"Dhcp4\": {\"subnet4\": [{\"id\": 4294967295, \"subnet\": \"10.0.0.0/8\"}]}}"));
    }

    @Test
    void errorsInIncludedFilesNameThatFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Files.writeString(dir.resolve("kea.json"),
                "{ \"Dhcp4\": {\n  \"subnet4\": <?include \"subnets.json\"?>\n} }");
        java.nio.file.Files.writeString(dir.resolve("subnets.json"),
                "[\n  { \"subnet\": \"10.0.0.0/8\",\n    \"pools\": [ { \"pool\": \"11.0.0.1-11.0.0.2\" } ] } ]");
        ConfigException e = assertThrows(ConfigException.class,
                () -> new ConfigLoader(Family.V4, m -> {}).loadFile(dir.resolve("kea.json")));
        assertEquals("a pool of type V4, with the following address range: 11.0.0.1-11.0.0.2 does not match the"
                + " prefix of a subnet: 10.0.0.0/8 to which it is being added (" + dir.resolve("subnets.json")
                + ":3:26)", e.getMessage());
    }

    @Test
    void poolErrors() {
        assertEquals("a pool of type V4, with the following address range: 10.0.0.50-10.0.0.200 overlaps with an"
                + " existing pool in the subnet: 10.0.0.0/8 to which it is being added (t.json:3:12)", error4("""
                {"Dhcp4": {"subnet4": [{"subnet": "10.0.0.0/8", "pools": [
                  {"pool": "10.0.0.1 - 10.0.0.100"},
                  {"pool": "10.0.0.50-10.0.0.200"}]}]}}"""));
        assertEquals("a pool of type V4, with the following address range: 11.0.0.1-11.0.0.100 does not match the"
                + " prefix of a subnet: 10.0.0.0/8 to which it is being added (t.json:1:68)",
                error4("{\"Dhcp4\": {\"subnet4\": [{\"subnet\": \"10.0.0.0/8\", \"pools\": [{\"pool\":"
                        + " \"11.0.0.1-11.0.0.100\"}]}]}}"));
        assertEquals("Failed to create pool defined by: 10.0.0.9-10.0.0.1 (t.json:1:68)",
                error4("{\"Dhcp4\": {\"subnet4\": [{\"subnet\": \"10.0.0.0/8\", \"pools\": [{\"pool\":"
                        + " \"10.0.0.9-10.0.0.1\"}]}]}}"));
        assertEquals("a pool of type IA_NA, with the following address range: 2001:db8::-2001:db8::ffff overlaps"
                + " with an existing pool in the subnet: 2001:db8::/64 to which it is being added (t.json:1:99)",
                error6("{\"Dhcp6\": {\"subnet6\": [{\"subnet\": \"2001:db8::/64\", \"pools\": [{\"pool\":"
                        + " \"2001:db8::/120\"}, {\"pool\": \"2001:db8::/112\"}]}]}}"));
    }

    @Test
    void pdPoolErrors() {
        String head = "{\"Dhcp6\": {\"subnet6\": [{\"subnet\": \"2001:db8::/64\", \"pd-pools\": [";
        assertEquals("Delegated length (56) must be longer than or equal to prefix length (64) (t.json:1:121)",
                error6(head + "{\"prefix\": \"3000::\", \"prefix-len\": 64, \"delegated-len\": 56}]}]}}"));
        assertEquals("a pool of type IA_PD, with the following address range: 3000::-3000::3fff:ffff:ffff:ffff:ffff"
                + " overlaps with an existing pool in the subnet: 2001:db8::/64 to which it is being added"
                + " (t.json:1:126)", error6(head + "{\"prefix\": \"3000::\", \"prefix-len\": 48, \"delegated-len\": 56},"
                + " {\"prefix\": \"3000::\", \"prefix-len\": 50, \"delegated-len\": 56}]}]}}"));
        assertEquals("excluded prefix 3001::/60 must have the same common prefix part of 56 as the delegated prefix"
                + " 3000::/56 (t.json:1:144)", error6(head + "{\"prefix\": \"3000::\", \"prefix-len\": 48,"
                + " \"delegated-len\": 56, \"excluded-prefix\": \"3001::\", \"excluded-prefix-len\": 60}]}]}}"));
        assertEquals("missing parameter 'delegated-len' (t.json:1:65)",
                error6(head + "{\"prefix\": \"3000::\", \"prefix-len\": 48}]}]}}"));
    }

    @Test
    void reservationErrors() {
        String head = "{\"Dhcp4\": {\"subnet4\": [{\"subnet\": \"10.0.0.0/8\", \"reservations\": [";
        assertEquals("specified reservation '11.0.0.1' is not within the IPv4 subnet '10.0.0.0/8' (t.json:1:116)",
                error4(head + "{\"hw-address\": \"aa:bb:cc:dd:ee:ff\", \"ip-address\": \"11.0.0.1\"}]}]}}"));
        assertEquals("failed to add new host using the HW address 'aa:bb:cc:dd:ee:01' to the IPv4 subnet id '1' for"
                + " the address 10.0.0.1: There's already a reservation for this address (at t.json:1:66)"
                + " (t.json:1:129)", error4(head + "{\"hw-address\": \"aa:bb:cc:dd:ee:ff\", \"ip-address\":"
                + " \"10.0.0.1\"}, {\"hw-address\": \"aa:bb:cc:dd:ee:01\", \"ip-address\": \"10.0.0.1\"}]}]}}"));
        assertEquals("failed to add new host using the HW address 'aa:bb:cc:dd:ee:ff' to the IPv4 subnet id '1' as"
                + " this host has already been added (t.json:1:129)", error4(head + "{\"hw-address\":"
                + " \"aa:bb:cc:dd:ee:ff\", \"ip-address\": \"10.0.0.1\"}, {\"hw-address\": \"AA-BB-CC-DD-EE-FF\","
                + " \"ip-address\": \"10.0.0.2\"}]}]}}"));
        assertEquals("the 'hw-address' and 'duid' parameters are mutually exclusive (t.json:1:102)",
                error4(head + "{\"hw-address\": \"aa:bb:cc:dd:ee:ff\", \"duid\": \"01:02:03\"}]}]}}"));
        assertEquals("invalid host identifier value 'zz:zz' for hw-address (t.json:1:81)",
                error4(head + "{\"hw-address\": \"zz:zz\"}]}]}}"));
        assertEquals("one of the supported identifiers must be specified for host reservation: hw-address, duid,"
                + " client-id, circuit-id, flex-id (t.json:1:66)", error4(head + "{\"hostname\": \"x\"}]}]}}"));
        assertEquals("specified reservation '2001:db9::1' is not within the IPv6 subnet '2001:db8::/64'"
                + " (t.json:1:107)", error6("{\"Dhcp6\": {\"subnet6\": [{\"subnet\": \"2001:db8::/64\", \"reservations\":"
                + " [{\"duid\": \"01:02:03\", \"ip-addresses\": [\"2001:db9::1\"]}]}]}}"));
    }

    @Test
    void duplicateAddressesAreAllowedWhenReservationsNeedNotBeUnique() throws Exception {
        new ConfigLoader(Family.V4, m -> {}).loadText("{\"Dhcp4\": {\"ip-reservations-unique\": false, \"subnet4\":"
                + " [{\"subnet\": \"10.0.0.0/8\", \"reservations\": [{\"hw-address\": \"aa:bb:cc:dd:ee:ff\","
                + " \"ip-address\": \"10.0.0.1\"}, {\"hw-address\": \"aa:bb:cc:dd:ee:01\", \"ip-address\":"
                + " \"10.0.0.1\"}]}]}}", "t.json", null);
    }

    @Test
    void aReservationMustReserveSomething() {
        assertEquals("specified reservation for HW address aa:bb:cc:dd:ee:ff must include at least one resource, i.e."
                + " hostname, IPv4 address, IPv6 address/prefix, options (t.json:1:29)",
                error4("{\"Dhcp4\": {\"reservations\": [{\"hw-address\": \"aa:bb:cc:dd:ee:ff\"}]}}"));
        assertEquals("host-reservation-identifiers must name at least one identifier type (t.json:1:44)",
                error4("{\"Dhcp4\": {\"host-reservation-identifiers\": []}}"));
    }

    @Test
    void lifetimeBoundsAreCheckedAgainstTheInheritedValue() {
        assertEquals("the value of (default) valid-lifetime (7200) is not less than max-valid-lifetime (100)"
                + " (t.json:1:12)", error4("{\"Dhcp4\": {\"max-valid-lifetime\": 100}}"));
        assertEquals("the value of (default) valid-lifetime (7200) is not between min-valid-lifetime (50) and"
                + " max-valid-lifetime (200) (t.json:1:12)",
                error4("{\"Dhcp4\": {\"min-valid-lifetime\": 50, \"max-valid-lifetime\": 200}}"));
        assertEquals("the value of min-valid-lifetime (400) is not less than (default) valid-lifetime (300)"
                + " (t.json:1:106)", error4("{\"Dhcp4\": {\"shared-networks\": [{\"name\": \"n\", \"valid-lifetime\": 300,"
                + " \"subnet4\": [{\"subnet\": \"10.0.0.0/8\", \"min-valid-lifetime\": 400}]}]}}"));
    }

    @Test
    void reservationModeConflictsWithTheNewFlags() {
        assertEquals("invalid use of both 'reservation-mode' and one of 'reservations-global', 'reservations-in-subnet'"
                + " or 'reservations-out-of-pool' parameters (t.json:1:12)",
                error4("{\"Dhcp4\": {\"reservation-mode\": \"all\", \"reservations-global\": true}}"));
        assertEquals("invalid reservation-mode parameter: 'some' (expected one of: disabled, out-of-pool, global, all)"
                + " (t.json:1:32)", error4("{\"Dhcp4\": {\"reservation-mode\": \"some\"}}"));
    }

    @Test
    void classAndOptionErrors() {
        assertEquals("Can't add class: Client Class: a has already been defined (t.json:1:46)",
                error4("{\"Dhcp4\": {\"client-classes\": [{\"name\": \"a\"}, {\"name\": \"a\"}]}}"));
        assertEquals("expression: [foo ==] error: <string>:1.1: Invalid character: f (t.json:1:53)",
                error4("{\"Dhcp4\": {\"client-classes\": [{\"name\": \"a\", \"test\": \"foo ==\"}]}}"));
        assertEquals("expression: [member('b')] error: Not defined client class 'b' (t.json:1:53)",
                error4("{\"Dhcp4\": {\"client-classes\": [{\"name\": \"a\", \"test\": \"member('b')\"}]}}"));
        assertEquals("option data configuration requires one of 'code' or 'name' parameters to be specified"
                + " (t.json:1:28)", error4("{\"Dhcp4\": {\"option-data\": [{\"data\": \"1\"}]}}"));
        assertEquals("option-data '' (code 200): option data is not a valid string of hexadecimal digits: xyz"
                + " (t.json:1:28)",
                error4("{\"Dhcp4\": {\"option-data\": [{\"code\": 200, \"csv-format\": false, \"data\": \"xyz\"}]}}"));
        assertEquals("option-data '' (code 255): invalid option code '255': reserved for END (t.json:1:28)",
                error4("{\"Dhcp4\": {\"option-data\": [{\"code\": 255, \"data\": \"1\"}]}}"));
        assertEquals("option data type 'strng' is not supported (t.json:1:62)",
                error4("{\"Dhcp4\": {\"option-def\": [{\"name\": \"x\", \"code\": 200, \"type\": \"strng\"}]}}"));
        assertEquals("option definition with code '200' already exists in option space 'dhcp4' (t.json:1:73)",
                error4("{\"Dhcp4\": {\"option-def\": [{\"name\": \"x\", \"code\": 200, \"type\": \"string\"},"
                        + " {\"name\": \"y\", \"code\": 200, \"type\": \"string\"}]}}"));
    }

    @Test
    void optionValuesAreCheckedAgainstTheirDefinition() {
        assertEquals("option-data 'routers': option data does not match option definition (space: dhcp4, code: 3):"
                + " Failed to convert string to address 'not-an-address': Invalid argument (t.json:2:19)", error4("{\"Dhcp4\": {\"subnet4\": [{\"subnet\": \"10.0.0.0/8\",\n"
                + "  \"option-data\": [{\"name\": \"routers\", \"data\": \"not-an-address\"}]}]}}"));
    }

    @Test
    void serviceErrors() {
        assertEquals("unknown backend database type: oracle (t.json:1:39)",
                error4("{\"Dhcp4\": {\"lease-database\": {\"type\": \"oracle\"}}}"));
        assertEquals("unsupported 'socket-type' 'tcp' not 'unix', 'http' or 'https' (t.json:1:46)",
                error4("{\"Dhcp4\": {\"control-socket\": {\"socket-type\": \"tcp\"}}}"));
        assertEquals("unsupported 'dhcp-socket-type' value 'packet', expected raw or udp (t.json:1:54)",
                error4("{\"Dhcp4\": {\"interfaces-config\": {\"dhcp-socket-type\": \"packet\"}}}"));
        assertEquals("Unsupported 'lease-checks' value: always, supported values are: none, warn, fix, fix-del, del"
                + " (t.json:1:46)", error4("{\"Dhcp4\": {\"sanity-checks\": {\"lease-checks\": \"always\"}}}"));
    }
}

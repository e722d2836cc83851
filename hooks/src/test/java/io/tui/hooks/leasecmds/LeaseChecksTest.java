package io.tui.hooks.leasecmds;

import static io.tui.hooks.leasecmds.LeaseCmds4Test.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.tui.dhcp.core.lease.AddressText;
import io.tui.dhcp.core.wire.v6.Ip6Address;
import io.tui.hooks.TestServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Leases added or updated by the lease commands under each {@code sanity-checks} {@code lease-checks} policy. Kea's
 * lease commands refuse a lease whose subnet-id names no subnet, or a subnet that does not hold its address, and
 * select the subnet of a lease given without one by its address alone, whatever the policy says: the lease parser
 * checks before the store's check (which then always passes) is reached. Checked against Debian's Kea 2.2.
 */
class LeaseChecksTest {
    /** Subnets 5 and 4 overlap; 3 is for class foo only. */
    static final String CONFIG4 = """
            {"Dhcp4": {
              "sanity-checks": {"lease-checks": "%s"},
              "lease-database": {"type": "memfile", "persist": false},
              "hooks-libraries": [{"library": "libdhcp_lease_cmds.so"}],
              "client-classes": [{"name": "foo"}],
              "subnet4": [
                {"id": 1, "subnet": "192.0.2.0/24", "pools": [{"pool": "192.0.2.10-192.0.2.100"}]},
                {"id": 2, "subnet": "198.51.100.0/24"},
                {"id": 5, "subnet": "10.8.0.0/16"},
                {"id": 4, "subnet": "10.8.1.0/24"},
                {"id": 3, "subnet": "10.9.0.0/24", "client-class": "foo"}]
            }}""";

    static final String CONFIG6 = """
            {"Dhcp6": {
              "sanity-checks": {"lease-checks": "%s"},
              "lease-database": {"type": "memfile", "persist": false},
              "hooks-libraries": [{"library": "libdhcp_lease_cmds.so"}],
              "subnet6": [
                {"id": 1, "subnet": "2001:db8:1::/64", "pools": [{"pool": "2001:db8:1::100-2001:db8:1::1ff"}],
                 "pd-pools": [{"prefix": "2001:db8:8::", "prefix-len": 56, "delegated-len": 60}]},
                {"id": 2, "subnet": "2001:db8:2::/64"}]
            }}""";

    static final String HW = "\"hw-address\": \"1a:1b:1c:1d:1e:1f\"";
    static final String DUID = "\"duid\": \"1a:1b:1c:1d:1e:1f:20:21\", \"iaid\": 7";

    @ParameterizedTest
    @ValueSource(strings = {"none", "warn", "fix", "fix-del", "del"})
    void v4AddAndUpdateRefuseAnInconsistentLeaseWhateverThePolicy(String policy) throws Exception {
        try (TestServer s = TestServer.v4(CONFIG4.formatted(policy))) {
            expect(s.call("lease4-add", "{\"ip-address\": \"192.0.2.50\", \"subnet-id\": 2, " + HW + "}"), 4,
                    "The address 192.0.2.50 does not belong to subnet 198.51.100.0/24, subnet-id=2");
            expect(s.call("lease4-add", "{\"ip-address\": \"192.0.2.51\", \"subnet-id\": 99, " + HW + "}"), 4,
                    "Invalid subnet-id: No IPv4 subnet with subnet-id=99 currently configured.");
            expect(s.call("lease4-add", "{\"ip-address\": \"172.16.0.9\", " + HW + "}"), 4,
                    "subnet-id not specified and failed to find a subnet for address 172.16.0.9");
            // by its address alone: a subnet for some classes only is not selected, the lowest id of two is
            expect(s.call("lease4-add", "{\"ip-address\": \"10.9.0.6\", " + HW + "}"), 4,
                    "subnet-id not specified and failed to find a subnet for address 10.9.0.6");
            expect(s.call("lease4-add", "{\"ip-address\": \"10.9.0.7\", \"subnet-id\": 3, " + HW + "}"), 0,
                    "Lease for address 10.9.0.7, subnet-id 3 added.");
            expect(s.call("lease4-add", "{\"ip-address\": \"10.8.1.6\", " + HW + "}"), 0,
                    "Lease for address 10.8.1.6, subnet-id 4 added.");
            expect(s.call("lease4-add", "{\"ip-address\": \"10.8.2.6\", " + HW + "}"), 0,
                    "Lease for address 10.8.2.6, subnet-id 5 added.");

            expect(s.call("lease4-add", "{\"ip-address\": \"192.0.2.10\", " + HW + "}"), 0,
                    "Lease for address 192.0.2.10, subnet-id 1 added.");
            expect(s.call("lease4-update", "{\"ip-address\": \"192.0.2.10\", \"subnet-id\": 2, " + HW + "}"), 4,
                    "The address 192.0.2.10 does not belong to subnet 198.51.100.0/24, subnet-id=2");
            expect(s.call("lease4-update", "{\"ip-address\": \"192.0.2.60\", \"subnet-id\": 99, \"force-create\": "
                    + "true, " + HW + "}"), 4, "Invalid subnet-id: No IPv4 subnet with subnet-id=99 currently "
                    + "configured.");
            assertEquals(1, s.leases4().get(AddressText.parseV4("192.0.2.10")).subnetId(), "left as it was");
            for (String refused : new String[] {"192.0.2.50", "192.0.2.51", "172.16.0.9", "10.9.0.6", "192.0.2.60"}) {
                assertNull(s.leases4().get(AddressText.parseV4(refused)), refused);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "warn", "fix", "fix-del", "del"})
    void v6AddressesAreCheckedPrefixesNotWhateverThePolicy(String policy) throws Exception {
        try (TestServer s = TestServer.v6(CONFIG6.formatted(policy))) {
            expect(s.call("lease6-add", "{\"ip-address\": \"2001:db8:1::50\", \"subnet-id\": 2, " + DUID + "}"), 4,
                    "The address 2001:db8:1::50 does not belong to subnet 2001:db8:2::/64, subnet-id=2");
            expect(s.call("lease6-add", "{\"ip-address\": \"2001:db8:9::50\", " + DUID + "}"), 4,
                    "subnet-id not specified and failed to find a subnet for address 2001:db8:9::50");
            expect(s.call("lease6-add", "{\"ip-address\": \"2001:db8:1::51\", \"subnet-id\": 99, " + DUID + "}"), 4,
                    "Invalid subnet-id: No IPv6 subnet with subnet-id=99 currently configured.");
            // a delegated prefix need not lie in its subnet's prefix: Kea checks neither here nor in lease-checks
            expect(s.call("lease6-add", "{\"ip-address\": \"2001:db8:8200::\", \"type\": \"IA_PD\", \"prefix-len\": "
                    + "56, \"subnet-id\": 2, " + DUID + "}"), 0,
                    "Lease for prefix 2001:db8:8200::/56, subnet-id 2 added.");
            expect(s.call("lease6-update", "{\"ip-address\": \"2001:db8:2::9\", \"subnet-id\": 1, \"force-create\": "
                    + "true, " + DUID + "}"), 4,
                    "The address 2001:db8:2::9 does not belong to subnet 2001:db8:1::/64, subnet-id=1");
            expect(s.call("lease6-bulk-apply", "{\"leases\": [{\"ip-address\": \"2001:db8:2::10\", \"subnet-id\": 2, "
                    + DUID + "}, {\"ip-address\": \"2001:db8:2::11\", \"subnet-id\": 1, " + DUID + "}]}"), 1,
                    "The address 2001:db8:2::11 does not belong to subnet 2001:db8:1::/64, subnet-id=1");
            assertNull(s.leases6().get(Ip6Address.parse("2001:db8:2::10")), "a refused entry applies nothing");
            assertEquals(2, s.leases6().get(Ip6Address.parse("2001:db8:8200::")).subnetId());
        }
    }
}

package io.tui.dhcp.core.hook;

/** Kea's named hook points that Tui calls out at. */
public enum CalloutPoint {
    PKT4_RECEIVE("pkt4_receive"),
    SUBNET4_SELECT("subnet4_select"),
    LEASE4_SELECT("lease4_select"),
    LEASE4_RENEW("lease4_renew"),
    LEASE4_RELEASE("lease4_release"),
    LEASE4_DECLINE("lease4_decline"),
    LEASES4_COMMITTED("leases4_committed"),
    PKT4_SEND("pkt4_send"),
    LEASE4_EXPIRE("lease4_expire"),
    PKT6_RECEIVE("pkt6_receive"),
    SUBNET6_SELECT("subnet6_select"),
    LEASE6_SELECT("lease6_select"),
    LEASE6_RENEW("lease6_renew"),
    LEASE6_REBIND("lease6_rebind"),
    LEASE6_RELEASE("lease6_release"),
    LEASE6_DECLINE("lease6_decline"),
    LEASES6_COMMITTED("leases6_committed"),
    PKT6_SEND("pkt6_send"),
    LEASE6_EXPIRE("lease6_expire"),
    COMMAND_PROCESSED("command_processed");

    private final String keaName;

    CalloutPoint(String keaName) {
        this.keaName = keaName;
    }

    public String keaName() {
        return keaName;
    }
}

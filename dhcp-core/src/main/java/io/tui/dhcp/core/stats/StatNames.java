package io.tui.dhcp.core.stats;

/**
 * Kea's statistic names: the per-subnet and per-pool forms ({@code subnet[ID].NAME},
 * {@code subnet[ID].pool[PID].NAME}, {@code subnet[ID].pd-pool[PID].NAME}) and the well-known names the
 * servers record. Build per-subnet names once (at configuration time) and keep the handles, not the strings.
 */
public final class StatNames {

    private StatNames() {
    }

    /** {@code subnet[ID].NAME}. */
    public static String subnet(long subnetId, String name) {
        return "subnet[" + subnetId + "]." + name;
    }

    /** {@code subnet[ID].pool[PID].NAME} (address pools, v4 and v6 IA_NA). */
    public static String pool(long subnetId, long poolId, String name) {
        return "subnet[" + subnetId + "].pool[" + poolId + "]." + name;
    }

    /** {@code subnet[ID].pd-pool[PID].NAME} (v6 prefix delegation pools). */
    public static String pdPool(long subnetId, long poolId, String name) {
        return "subnet[" + subnetId + "].pd-pool[" + poolId + "]." + name;
    }

    /** Whether {@code name} belongs to a subnet (and so is left out of {@code statistic-global-get-all}). */
    public static boolean isSubnetScoped(String name) {
        return name.startsWith("subnet[");
    }

    // Global DHCPv4 packet statistics.
    public static final String PKT4_RECEIVED = "pkt4-received";
    public static final String PKT4_DISCOVER_RECEIVED = "pkt4-discover-received";
    public static final String PKT4_OFFER_RECEIVED = "pkt4-offer-received";
    public static final String PKT4_REQUEST_RECEIVED = "pkt4-request-received";
    public static final String PKT4_ACK_RECEIVED = "pkt4-ack-received";
    public static final String PKT4_NAK_RECEIVED = "pkt4-nak-received";
    public static final String PKT4_RELEASE_RECEIVED = "pkt4-release-received";
    public static final String PKT4_DECLINE_RECEIVED = "pkt4-decline-received";
    public static final String PKT4_INFORM_RECEIVED = "pkt4-inform-received";
    public static final String PKT4_UNKNOWN_RECEIVED = "pkt4-unknown-received";
    public static final String PKT4_SENT = "pkt4-sent";
    public static final String PKT4_OFFER_SENT = "pkt4-offer-sent";
    public static final String PKT4_ACK_SENT = "pkt4-ack-sent";
    public static final String PKT4_NAK_SENT = "pkt4-nak-sent";
    public static final String PKT4_PARSE_FAILED = "pkt4-parse-failed";
    public static final String PKT4_RECEIVE_DROP = "pkt4-receive-drop";

    // Lease statistics, global and per subnet/pool.
    public static final String ASSIGNED_ADDRESSES = "assigned-addresses";
    public static final String CUMULATIVE_ASSIGNED_ADDRESSES = "cumulative-assigned-addresses";
    public static final String DECLINED_ADDRESSES = "declined-addresses";
    public static final String RECLAIMED_DECLINED_ADDRESSES = "reclaimed-declined-addresses";
    public static final String RECLAIMED_LEASES = "reclaimed-leases";
    public static final String TOTAL_ADDRESSES = "total-addresses";
    public static final String ASSIGNED_NAS = "assigned-nas";
    public static final String ASSIGNED_PDS = "assigned-pds";
    public static final String TOTAL_NAS = "total-nas";
    public static final String TOTAL_PDS = "total-pds";
}

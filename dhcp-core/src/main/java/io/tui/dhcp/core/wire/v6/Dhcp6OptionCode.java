package io.tui.dhcp.core.wire.v6;

/** The DHCPv6 option codes this package has typed views for (IANA "DHCPv6 Option Codes"). */
public final class Dhcp6OptionCode {
    public static final int CLIENTID = 1;
    public static final int SERVERID = 2;
    public static final int IA_NA = 3;
    public static final int IA_TA = 4;
    public static final int IAADDR = 5;
    public static final int ORO = 6;
    public static final int PREFERENCE = 7;
    public static final int ELAPSED_TIME = 8;
    public static final int RELAY_MSG = 9;
    public static final int AUTH = 11;
    public static final int UNICAST = 12;
    public static final int STATUS_CODE = 13;
    public static final int RAPID_COMMIT = 14;
    public static final int USER_CLASS = 15;
    public static final int VENDOR_CLASS = 16;
    public static final int VENDOR_OPTS = 17;
    public static final int INTERFACE_ID = 18;
    public static final int RECONF_MSG = 19;
    public static final int RECONF_ACCEPT = 20;
    public static final int DNS_SERVERS = 23;
    public static final int DOMAIN_LIST = 24;
    public static final int IA_PD = 25;
    public static final int IAPREFIX = 26;
    public static final int INFORMATION_REFRESH_TIME = 32;
    public static final int REMOTE_ID = 37;
    public static final int SUBSCRIBER_ID = 38;
    public static final int CLIENT_FQDN = 39;
    public static final int ERO = 43;
    public static final int NTP_SERVER = 56;
    public static final int PD_EXCLUDE = 67;
    public static final int CLIENT_LINKLAYER_ADDR = 79;
    public static final int SOL_MAX_RT = 82;
    public static final int INF_MAX_RT = 83;

    private Dhcp6OptionCode() {
    }
}

package io.tui.dhcp.core.wire.v6;

import io.tui.dhcp.core.wire.ParseException;

/**
 * Turns a {@link RawOption} into the typed record for its code (for example option 3 into an
 * {@link IaNaOption} whose IAADDRs and status codes are typed too). Codes without a typed view,
 * and option 9 outside a relay, stay raw. A parsed view always re-encodes to the raw bytes.
 */
public final class Dhcp6OptionViews {
    /** Deepest nesting of options inside options (IA_NA > IAADDR > status code is 3). */
    public static final int MAX_NESTING = 16;

    private Dhcp6OptionViews() {
    }

    /** Whether {@code code} has a typed view here. */
    public static boolean hasView(int code) {
        return !name(code).equals("option");
    }

    /**
     * The typed view of {@code raw}, or {@code raw} itself when its code has none.
     *
     * @throws ParseException when the payload is malformed for the option's type
     */
    public static Dhcp6Option decode(RawOption raw) throws ParseException {
        return decode(raw, 0);
    }

    static Dhcp6Option decode(RawOption raw, int depth) throws ParseException {
        String name = name(raw.code());
        if (name.equals("option")) {
            return raw;
        }
        if (depth > MAX_NESTING) {
            throw new ParseException(name + ": options nested deeper than " + MAX_NESTING, raw.offset());
        }
        WireReader r = WireReader.of(raw, name);
        Dhcp6Option v = switch (raw.code()) {
            case Dhcp6OptionCode.CLIENTID -> ClientIdOption.decode(r);
            case Dhcp6OptionCode.SERVERID -> ServerIdOption.decode(r);
            case Dhcp6OptionCode.IA_NA -> IaNaOption.decode(r, depth);
            case Dhcp6OptionCode.IA_TA -> IaTaOption.decode(r, depth);
            case Dhcp6OptionCode.IAADDR -> IaAddressOption.decode(r, depth);
            case Dhcp6OptionCode.ORO -> OptionRequestOption.decode(r);
            case Dhcp6OptionCode.PREFERENCE -> PreferenceOption.decode(r);
            case Dhcp6OptionCode.ELAPSED_TIME -> ElapsedTimeOption.decode(r);
            case Dhcp6OptionCode.UNICAST -> ServerUnicastOption.decode(r);
            case Dhcp6OptionCode.STATUS_CODE -> StatusCodeOption.decode(r);
            case Dhcp6OptionCode.RAPID_COMMIT -> RapidCommitOption.decode(r);
            case Dhcp6OptionCode.USER_CLASS -> UserClassOption.decode(r);
            case Dhcp6OptionCode.VENDOR_CLASS -> VendorClassOption.decode(r);
            case Dhcp6OptionCode.VENDOR_OPTS -> VendorOptsOption.decode(r);
            case Dhcp6OptionCode.INTERFACE_ID -> InterfaceIdOption.decode(r);
            case Dhcp6OptionCode.RECONF_MSG -> ReconfigureMessageOption.decode(r);
            case Dhcp6OptionCode.RECONF_ACCEPT -> ReconfigureAcceptOption.decode(r);
            case Dhcp6OptionCode.DNS_SERVERS -> DnsServersOption.decode(r);
            case Dhcp6OptionCode.DOMAIN_LIST -> DomainListOption.decode(r);
            case Dhcp6OptionCode.IA_PD -> IaPdOption.decode(r, depth);
            case Dhcp6OptionCode.IAPREFIX -> IaPrefixOption.decode(r, depth);
            case Dhcp6OptionCode.INFORMATION_REFRESH_TIME -> InformationRefreshTimeOption.decode(r);
            case Dhcp6OptionCode.REMOTE_ID -> RemoteIdOption.decode(r);
            case Dhcp6OptionCode.SUBSCRIBER_ID -> SubscriberIdOption.decode(r);
            case Dhcp6OptionCode.CLIENT_FQDN -> ClientFqdnOption.decode(r);
            case Dhcp6OptionCode.NTP_SERVER -> NtpServerOption.decode(r);
            case Dhcp6OptionCode.PD_EXCLUDE -> PdExcludeOption.decode(r);
            case Dhcp6OptionCode.CLIENT_LINKLAYER_ADDR -> ClientLinkLayerAddressOption.decode(r);
            case Dhcp6OptionCode.SOL_MAX_RT -> SolMaxRtOption.decode(r);
            case Dhcp6OptionCode.INF_MAX_RT -> InfMaxRtOption.decode(r);
            default -> raw;
        };
        r.expectEnd();
        return v;
    }

    /** A short name for error messages; {@code "option"} for codes without a view. */
    static String name(int code) {
        return switch (code) {
            case Dhcp6OptionCode.CLIENTID -> "CLIENTID (1)";
            case Dhcp6OptionCode.SERVERID -> "SERVERID (2)";
            case Dhcp6OptionCode.IA_NA -> "IA_NA (3)";
            case Dhcp6OptionCode.IA_TA -> "IA_TA (4)";
            case Dhcp6OptionCode.IAADDR -> "IAADDR (5)";
            case Dhcp6OptionCode.ORO -> "ORO (6)";
            case Dhcp6OptionCode.PREFERENCE -> "PREFERENCE (7)";
            case Dhcp6OptionCode.ELAPSED_TIME -> "ELAPSED_TIME (8)";
            case Dhcp6OptionCode.UNICAST -> "UNICAST (12)";
            case Dhcp6OptionCode.STATUS_CODE -> "STATUS_CODE (13)";
            case Dhcp6OptionCode.RAPID_COMMIT -> "RAPID_COMMIT (14)";
            case Dhcp6OptionCode.USER_CLASS -> "USER_CLASS (15)";
            case Dhcp6OptionCode.VENDOR_CLASS -> "VENDOR_CLASS (16)";
            case Dhcp6OptionCode.VENDOR_OPTS -> "VENDOR_OPTS (17)";
            case Dhcp6OptionCode.INTERFACE_ID -> "INTERFACE_ID (18)";
            case Dhcp6OptionCode.RECONF_MSG -> "RECONF_MSG (19)";
            case Dhcp6OptionCode.RECONF_ACCEPT -> "RECONF_ACCEPT (20)";
            case Dhcp6OptionCode.DNS_SERVERS -> "DNS_SERVERS (23)";
            case Dhcp6OptionCode.DOMAIN_LIST -> "DOMAIN_LIST (24)";
            case Dhcp6OptionCode.IA_PD -> "IA_PD (25)";
            case Dhcp6OptionCode.IAPREFIX -> "IAPREFIX (26)";
            case Dhcp6OptionCode.INFORMATION_REFRESH_TIME -> "INFORMATION_REFRESH_TIME (32)";
            case Dhcp6OptionCode.REMOTE_ID -> "REMOTE_ID (37)";
            case Dhcp6OptionCode.SUBSCRIBER_ID -> "SUBSCRIBER_ID (38)";
            case Dhcp6OptionCode.CLIENT_FQDN -> "CLIENT_FQDN (39)";
            case Dhcp6OptionCode.NTP_SERVER -> "NTP_SERVER (56)";
            case Dhcp6OptionCode.PD_EXCLUDE -> "PD_EXCLUDE (67)";
            case Dhcp6OptionCode.CLIENT_LINKLAYER_ADDR -> "CLIENT_LINKLAYER_ADDR (79)";
            case Dhcp6OptionCode.SOL_MAX_RT -> "SOL_MAX_RT (82)";
            case Dhcp6OptionCode.INF_MAX_RT -> "INF_MAX_RT (83)";
            default -> "option";
        };
    }
}

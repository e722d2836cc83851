package io.tui.dhcp.core.option;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The standard option definitions Kea ships, one table per option space, one line per option.
 *
 * <p>Line format: {@code code name type [> encapsulated-space]}, where {@code type} is a Kea type name, a
 * {@code record(t1,t2,...)}, and a trailing {@code []} marks an array. A leading {@code ~} marks a
 * <em>replaceable</em> definition: a custom {@code option-def} with the same code or name takes its place instead of
 * being refused. Kea 2.2 treats option 43 this way (its definition lives in Kea's "last resort" set), and Tui treats
 * the definitions Kea added after 2.2 this way too, so a Kea 2.2 configuration that defines them itself (for
 * example {@code classless-static-route} as a custom option 121) keeps working unchanged.
 *
 * <p>The facts come from the RFCs and Kea's documentation and were checked against Kea 2.2 ({@code kea-dhcp4 -t},
 * {@code kea-dhcp6 -t}): every non-replaceable name is accepted by Kea 2.2 with its code and sample data of the
 * declared type (see {@code KeaAcceptanceTest}).
 */
final class StandardOptionTables {
    private StandardOptionTables() {
    }

    static final String DHCP4 = """
            1   subnet-mask                  ipv4-address
            2   time-offset                  int32
            3   routers                      ipv4-address[]
            4   time-servers                 ipv4-address[]
            5   name-servers                 ipv4-address[]
            6   domain-name-servers          ipv4-address[]
            7   log-servers                  ipv4-address[]
            8   cookie-servers               ipv4-address[]
            9   lpr-servers                  ipv4-address[]
            10  impress-servers              ipv4-address[]
            11  resource-location-servers    ipv4-address[]
            12  host-name                    string
            13  boot-size                    uint16
            14  merit-dump                   string
            15  domain-name                  string
            16  swap-server                  ipv4-address
            17  root-path                    string
            18  extensions-path              string
            19  ip-forwarding                boolean
            20  non-local-source-routing     boolean
            21  policy-filter                ipv4-address[]
            22  max-dgram-reassembly         uint16
            23  default-ip-ttl               uint8
            24  path-mtu-aging-timeout       uint32
            25  path-mtu-plateau-table       uint16[]
            26  interface-mtu                uint16
            27  all-subnets-local            boolean
            28  broadcast-address            ipv4-address
            29  perform-mask-discovery       boolean
            30  mask-supplier                boolean
            31  router-discovery             boolean
            32  router-solicitation-address  ipv4-address
            33  static-routes                ipv4-address[]
            34  trailer-encapsulation        boolean
            35  arp-cache-timeout            uint32
            36  ieee802-3-encapsulation      boolean
            37  default-tcp-ttl              uint8
            38  tcp-keepalive-interval       uint32
            39  tcp-keepalive-garbage        boolean
            40  nis-domain                   string
            41  nis-servers                  ipv4-address[]
            42  ntp-servers                  ipv4-address[]
            ~43 vendor-encapsulated-options  empty > vendor-encapsulated-options-space
            44  netbios-name-servers         ipv4-address[]
            45  netbios-dd-server            ipv4-address[]
            46  netbios-node-type            uint8
            47  netbios-scope                string
            48  font-servers                 ipv4-address[]
            49  x-display-manager            ipv4-address[]
            50  dhcp-requested-address       ipv4-address
            51  dhcp-lease-time              uint32
            52  dhcp-option-overload         uint8
            53  dhcp-message-type            uint8
            54  dhcp-server-identifier       ipv4-address
            55  dhcp-parameter-request-list  uint8[]
            56  dhcp-message                 string
            57  dhcp-max-message-size        uint16
            58  dhcp-renewal-time            uint32
            59  dhcp-rebinding-time          uint32
            60  vendor-class-identifier      string
            61  dhcp-client-identifier       binary
            62  nwip-domain-name             string
            63  nwip-suboptions              binary
            64  nisplus-domain-name          string
            65  nisplus-servers              ipv4-address[]
            66  tftp-server-name             string
            67  boot-file-name               string
            68  mobile-ip-home-agent         ipv4-address[]
            69  smtp-server                  ipv4-address[]
            70  pop-server                   ipv4-address[]
            71  nntp-server                  ipv4-address[]
            72  www-server                   ipv4-address[]
            73  finger-server                ipv4-address[]
            74  irc-server                   ipv4-address[]
            75  streettalk-server            ipv4-address[]
            76  streettalk-directory-assistance-server ipv4-address[]
            77  user-class                   binary
            78  slp-directory-agent          record(boolean,ipv4-address)[]
            79  slp-service-scope            record(boolean,string)
            81  fqdn                         record(uint8,uint8,uint8,fqdn)
            82  dhcp-agent-options           empty > dhcp-agent-options-space
            85  nds-servers                  ipv4-address[]
            86  nds-tree-name                string
            87  nds-context                  string
            88  bcms-controller-names        fqdn[]
            89  bcms-controller-address      ipv4-address[]
            90  authenticate                 binary
            91  client-last-transaction-time uint32
            92  associated-ip                ipv4-address[]
            93  client-system                uint16[]
            94  client-ndi                   record(uint8,uint8,uint8)
            97  uuid-guid                    record(uint8,binary)
            98  uap-servers                  string
            99  geoconf-civic                binary
            100 pcode                        string
            101 tcode                        string
            108 v6-only-preferred            uint32
            112 netinfo-server-address       ipv4-address[]
            113 netinfo-server-tag           string
            114 v4-captive-portal            string
            116 auto-config                  uint8
            117 name-service-search          uint16[]
            118 subnet-selection             ipv4-address
            119 domain-search                fqdn[]
            124 vivco-suboptions             record(uint32,binary)
            125 vivso-suboptions             uint32
            136 pana-agent                   ipv4-address[]
            137 v4-lost                      fqdn
            138 capwap-ac-v4                 ipv4-address[]
            141 sip-ua-cs-domains            fqdn[]
            146 rdnss-selection              record(uint8,ipv4-address,ipv4-address,fqdn)[]
            159 v4-portparams                record(uint8,psid)
            212 option-6rd                   record(uint8,uint8,ipv6-address,ipv4-address)[]
            213 v4-access-domain             fqdn
            # Added by Kea after 2.2 (replaceable, see the class comment).
            ~121 classless-static-route      internal
            ~143 v4-sztp-redirect            tuple[]
            ~151 status-code                 record(uint8,string)
            ~152 base-time                   uint32
            ~153 start-time-of-state         uint32
            ~154 query-start-time            uint32
            ~155 query-end-time              uint32
            ~156 dhcp-state                  uint8
            ~157 data-source                 uint8
            ~162 v4-dnr                      internal
            """;

    static final String DHCP6 = """
            1   clientid                     binary
            2   serverid                     binary
            3   ia-na                        record(uint32,uint32,uint32) > dhcp6
            4   ia-ta                        uint32 > dhcp6
            5   iaaddr                       record(ipv6-address,uint32,uint32) > dhcp6
            6   oro                          uint16[]
            7   preference                   uint8
            8   elapsed-time                 uint16
            9   relay-msg                    binary
            11  auth                         binary
            12  unicast                      ipv6-address
            13  status-code                  record(uint16,string)
            14  rapid-commit                 empty
            15  user-class                   binary
            16  vendor-class                 record(uint32,binary)
            17  vendor-opts                  uint32
            18  interface-id                 binary
            19  reconf-msg                   uint8
            20  reconf-accept                empty
            21  sip-server-dns               fqdn[]
            22  sip-server-addr              ipv6-address[]
            23  dns-servers                  ipv6-address[]
            24  domain-search                fqdn[]
            25  ia-pd                        record(uint32,uint32,uint32) > dhcp6
            26  iaprefix                     record(uint32,uint32,uint8,ipv6-address) > dhcp6
            27  nis-servers                  ipv6-address[]
            28  nisp-servers                 ipv6-address[]
            29  nis-domain-name              fqdn[]
            30  nisp-domain-name             fqdn[]
            31  sntp-servers                 ipv6-address[]
            32  information-refresh-time     uint32
            33  bcmcs-server-dns             fqdn[]
            34  bcmcs-server-addr            ipv6-address[]
            36  geoconf-civic                record(uint8,uint16,binary)
            37  remote-id                    record(uint32,binary)
            38  subscriber-id                binary
            39  client-fqdn                  record(uint8,fqdn)
            40  pana-agent                   ipv6-address[]
            41  new-posix-timezone           string
            42  new-tzdb-timezone            string
            43  ero                          uint16[]
            44  lq-query                     record(uint8,ipv6-address) > dhcp6
            45  client-data                  empty > dhcp6
            46  clt-time                     uint32
            47  lq-relay-data                record(ipv6-address,binary)
            48  lq-client-link               ipv6-address[]
            51  v6-lost                      fqdn
            52  capwap-ac-v6                 ipv6-address[]
            53  relay-id                     binary
            57  v6-access-domain             fqdn
            58  sip-ua-cs-list               fqdn[]
            59  bootfile-url                 string
            60  bootfile-param               tuple[]
            61  client-arch-type             uint16[]
            62  nii                          record(uint8,uint8,uint8)
            64  aftr-name                    fqdn
            65  erp-local-domain-name        fqdn
            66  rsoo                         empty > rsoo-opts
            67  pd-exclude                   ipv6-prefix
            74  rdnss-selection              record(ipv6-address,uint8,fqdn)[]
            79  client-linklayer-addr        binary
            80  link-address                 ipv6-address
            82  solmax-rt                    uint32
            83  inf-max-rt                   uint32
            87  dhcpv4-message               binary
            88  dhcp4o6-server-addr          ipv6-address[]
            # The s46 rule, BR, DMR, binding and port options (89-93) exist only inside the s46 containers.
            94  s46-cont-mape                empty > s46-cont-mape-options
            95  s46-cont-mapt                empty > s46-cont-mapt-options
            96  s46-cont-lw                  empty > s46-cont-lw-options
            103 v6-captive-portal            string
            135 relay-source-port            uint16
            143 ipv6-address-andsf           ipv6-address[]
            # Added by Kea after 2.2 (replaceable, see the class comment).
            ~111 s46-priority                uint16[]
            ~136 v6-sztp-redirect            tuple[]
            ~144 v6-dnr                      internal
            """;

    static final String S46_CONT_MAPE = """
            89  s46-rule                     record(uint8,uint8,uint8,ipv4-address,ipv6-prefix) > s46-rule-options
            90  s46-br                       ipv6-address
            """;

    static final String S46_CONT_MAPT = """
            89  s46-rule                     record(uint8,uint8,uint8,ipv4-address,ipv6-prefix) > s46-rule-options
            91  s46-dmr                      ipv6-prefix
            """;

    static final String S46_CONT_LW = """
            90  s46-br                       ipv6-address
            92  s46-v4v6bind                 record(ipv4-address,ipv6-prefix) > s46-v4v6bind-options
            """;

    static final String S46_PORTPARAMS = """
            93  s46-portparams               record(uint8,psid)
            """;

    /** CableLabs DOCSIS 3.0 vendor options in DHCPv4 option 125 (enterprise 4491). */
    static final String DOCSIS3_V4 = """
            1   oro                          uint8[]
            2   tftp-servers                 ipv4-address[]
            """;

    /** CableLabs DOCSIS 3.0 vendor options in DHCPv6 option 17 (enterprise 4491). */
    static final String DOCSIS3_V6 = """
            1    oro                         uint16[]
            2    device-type                 string
            10   vendor-type                 string
            32   tftp-servers                ipv6-address[]
            33   config-file                 string
            34   syslog-servers              ipv6-address[]
            36   device-id                   binary
            37   time-servers                ipv6-address[]
            38   time-offset                 int32
            1026 cmts-cm-mac                 binary
            """;

    /** ISC's own vendor options (enterprise 2495), used by DHCPv4-over-DHCPv6. */
    static final String ISC_V6 = """
            60000 4o6-interface              string
            60001 4o6-source-address         ipv6-address
            60002 4o6-source-port            uint16
            """;

    /**
     * The spaces of one universe and their tables. Spaces with no standard options are listed with an empty table.
     * Kea also knows the DOCSIS 3.0 tables under the space names {@code docsis3-v4} / {@code docsis3-v6} (its
     * example configurations use them); only {@code vendor-4491} options are carried in the vendor option.
     */
    static Map<String, String> tables(Universe u) {
        return u == Universe.V4
                ? Map.of("dhcp4", DHCP4,
                        "vendor-encapsulated-options-space", "",
                        "dhcp-agent-options-space", "",
                        "vendor-4491", DOCSIS3_V4,
                        "docsis3-v4", DOCSIS3_V4)
                : Map.of("dhcp6", DHCP6,
                        "s46-cont-mape-options", S46_CONT_MAPE,
                        "s46-cont-mapt-options", S46_CONT_MAPT,
                        "s46-cont-lw-options", S46_CONT_LW,
                        "s46-rule-options", S46_PORTPARAMS,
                        "s46-v4v6bind-options", S46_PORTPARAMS,
                        "rsoo-opts", "",
                        "vendor-4491", DOCSIS3_V6,
                        "docsis3-v6", DOCSIS3_V6,
                        "vendor-2495", ISC_V6);
    }

    /** One parsed row. */
    record Row(OptionDefinition definition, boolean replaceable) {
    }

    /** Parses one table; a malformed line is a programming error in this class and fails fast. */
    static List<Row> parse(String space, String table) {
        List<Row> rows = new ArrayList<>();
        for (String raw : table.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            boolean replaceable = line.startsWith("~");
            String[] parts = (replaceable ? line.substring(1) : line).split("\\s+");
            if (parts.length != 3 && !(parts.length == 5 && parts[3].equals(">"))) {
                throw new IllegalStateException("bad option table line: " + line);
            }
            int code = Integer.parseInt(parts[0]);
            String typeText = parts[2];
            boolean array = typeText.endsWith("[]");
            if (array) {
                typeText = typeText.substring(0, typeText.length() - 2);
            }
            OptionDataType type;
            List<OptionDataType> fields = new ArrayList<>();
            if (typeText.startsWith("record(") && typeText.endsWith(")")) {
                type = OptionDataType.RECORD;
                for (String f : typeText.substring(7, typeText.length() - 1).split(",")) {
                    fields.add(OptionDataType.fromKeaName(f).orElseThrow(() -> new IllegalStateException(line)));
                }
            } else {
                type = OptionDataType.fromKeaName(typeText).orElseThrow(() -> new IllegalStateException(line));
            }
            String encapsulate = parts.length == 5 ? parts[4] : "";
            OptionDefinition def = new OptionDefinition(parts[1], code, space, type, array, fields, encapsulate);
            rows.add(new Row(def, replaceable));
        }
        return rows;
    }
}

package io.tui.dhcp.lease.memfile;

import static io.tui.dhcp.lease.memfile.TestLeases.hex;
import static io.tui.dhcp.lease.memfile.TestLeases.v6;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tui.dhcp.core.lease.Bytes;
import io.tui.dhcp.core.lease.Lease6;
import io.tui.dhcp.core.lease.LeaseState;
import io.tui.dhcp.core.lease.LeaseType;
import io.tui.dhcp.core.wire.ParseException;
import org.junit.jupiter.api.Test;

class Lease6CodecTest {
    private static final String KEA22_HEADER = "address,duid,valid_lifetime,expire,subnet_id,pref_lifetime,lease_type,"
            + "iaid,prefix_len,fqdn_fwd,fqdn_rev,hostname,hwaddr,state,user_context,hwtype,hwaddr_source";
    private final Lease6Codec codec = new Lease6Codec();

    private Lease6 decode(String header, String line) throws ParseException {
        return codec.decode(CsvRow.of(line), codec.layout(header));
    }

    private String encode(Lease6 lease, boolean poolId) {
        StringBuilder sb = new StringBuilder();
        codec.encode(lease, poolId, sb);
        return sb.toString();
    }

    @Test
    void writesKea22Header() {
        assertEquals(KEA22_HEADER, codec.header(false));
        assertEquals(KEA22_HEADER + ",pool_id", codec.header(true));
    }

    @Test
    void kea22RowsRoundTripByteForByte() throws ParseException {
        String[] rows = {
            "2001:db8:1::100,00:01:00:01:32:95:64:ea:00:0c:01:02:03:04,4000,1795340298,1,3000,0,1,128,0,0,,"
                    + "00:0c:01:02:03:04,0,,1,2",
            "2001:db8:8:100::,00:01:00:01:32:95:64:f7:00:0c:01:02:03:05,4000,1795340311,1,3000,2,1,56,0,0,,"
                    + "00:0c:01:02:03:05,0,,1,2",
            "2001:db8:1::250,1a:1b:1c:1d:1e:1f:20:21:22:23:24,4000,1795340299,1,4000,0,1234,128,0,0,"
                    + "six&#x2ccomma.example.org,1a:1b:1c:1d:1e:1f,0,{ \"k\": \"v&#x2cw\" },1,0",
            "2001:db8:1::251,1a:1b:1c:1d:1e:1f:20:21:22:23:25,4000,1795340299,1,4000,0,7,128,0,0,,,0,,,",
        };
        for (String row : rows) {
            assertEquals(row, encode(decode(KEA22_HEADER, row), false));
        }
        Lease6 pd = decode(KEA22_HEADER, rows[1]);
        assertEquals(LeaseType.PD, pd.type());
        assertEquals(56, pd.prefixLength());
        assertEquals(v6("2001:db8:8:100::"), pd.address());
        Lease6 named = decode(KEA22_HEADER, rows[2]);
        assertEquals("six,comma.example.org", named.hostname());
        assertEquals("{ \"k\": \"v,w\" }", named.userContext());
        assertEquals(1234, named.iaid());
        Lease6 noHw = decode(KEA22_HEADER, rows[3]);
        assertEquals(Bytes.EMPTY, noHw.hwAddress());
        assertEquals(0, noHw.hwType());
    }

    @Test
    void deletionIsWhatKea22WritesOnLease6Del() throws ParseException {
        Lease6 live = decode(KEA22_HEADER,
                "2001:db8:1::251,1a:1b:1c:1d:1e:1f:20:21:22:23:25,4000,1795340299,1,4000,0,7,128,0,0,,,0,,,");
        assertEquals("2001:db8:1::251,1a:1b:1c:1d:1e:1f:20:21:22:23:25,0,1795336299,1,0,0,7,128,0,0,,,0,,,",
                encode(codec.deletionOf(live), false));
    }

    @Test
    void roundTripsAllFieldsWithPoolId() throws ParseException {
        Lease6 l = new Lease6(v6("2001:db8::dead:beef"), hex("00:01:02"), 100, 5000, 0xffff_ffffL, 50, LeaseType.TA,
                0xffff_ffffL, 128, true, false, "a,b&c\r\n", hex("aa:bb"), LeaseState.REGISTERED, "{\"x\":\",\"}", 6,
                4, 3);
        assertEquals(l, decode(codec.header(true), encode(l, true)));
    }

    @Test
    void poolIdColumnFromKea24IsRead() throws ParseException {
        Lease6 l = decode(KEA22_HEADER + ",pool_id",
                "2001:db8:1::100,00:01,4000,1795340298,1,3000,0,1,128,0,0,,,0,,,,5");
        assertEquals(5, l.poolId());
    }

    @Test
    void badRows() {
        String[] bad = {
            "2001:db8:1::100:,00:01,4000,1795340298,1,3000,0,1,128,0,0,,,0,,,",
            "2001:db8:1::100,00:01,4000,1795340298,1,3000,3,1,128,0,0,,,0,,,",
            "2001:db8:1::100,00:01,4000,1795340298,1,3000,0,1,129,0,0,,,0,,,",
            "2001:db8:1::100,00:01,4000,1795340298,1,3000,0,1,128,0,0,,aa,0,,70000,0",
            "2001:db8:1::100,00:01,4000,1795340298,1,3000,0,1,128,0,0,,,0,",
        };
        for (String line : bad) {
            assertThrows(ParseException.class, () -> decode(KEA22_HEADER, line), line);
        }
    }
}

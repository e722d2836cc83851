package io.tui.bench;

import io.tui.dhcp.core.classify.Classifier;
import io.tui.dhcp.core.classify.Expr;
import io.tui.dhcp.core.classify.ExpressionParser;
import io.tui.dhcp.core.classify.ExpressionSyntaxException;
import io.tui.dhcp.core.classify.Packet4View;
import io.tui.dhcp.core.wire.v4.Dhcp4Packet;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Classifying one relayed DISCOVER against eight classes in the style of Kea's classify.json (mac, msgtype,
 * transid, option 60 prefix, option 82 circuit-id, hexstring of the mac, member()).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2)
public class ClassifyBenchmark {
    private static final String[][] CLASSES = {
        {"special_snowflake", "pkt4.mac == 0x010203040506"},
        {"discovers", "pkt4.msgtype == 1"},
        {"broken", "pkt4.transid == 0"},
        {"VoIP", "substring(option[60].hex,0,6) == 'Aastra'"},
        {"rack7", "relay4[1].hex == 'tor-1/07'"},
        {"tor", "split(relay4[1].text, '/', 1) == 'tor-1'"},
        {"vendor-mac", "substring(hexstring(pkt4.mac, ':'), 0, 8) == '00:0c:01'"},
        {"voip-rack7", "member('VoIP') and member('rack7')"},
    };

    private Classifier classifier;
    private Packet4View packet;
    private Expr circuit;

    @Setup
    public void setUp() throws ExpressionSyntaxException {
        ExpressionParser parser = new ExpressionParser();
        List<Classifier.ClassDef> defs = new ArrayList<>();
        for (String[] c : CLASSES) {
            defs.add(new Classifier.ClassDef(c[0], parser.parse(c[1], false, n -> -1).ast(), false));
        }
        classifier = new Classifier(defs);
        circuit = defs.get(4).test();
        Dhcp4Packet p = new Dhcp4Packet().op(1).xid(0x1234).giaddr(0xC000027E)
                .hardwareAddress(1, HexFormat.of().parseHex("000c01020304"));
        p.options().put(53, new byte[] {1});
        p.options().put(60, "Aastra6731i".getBytes(StandardCharsets.US_ASCII));
        p.options().put(82, HexFormat.of().parseHex("0108746f722d312f30370206000000534d19"));
        packet = new Packet4View(p, "eth0", null, null, 300);
    }

    @Benchmark
    public Set<String> classifyEightClasses() {
        return classifier.classifyEarly(packet);
    }

    @Benchmark
    public boolean oneRelay4Test() {
        return io.tui.dhcp.core.classify.Evaluator.test(circuit, packet, n -> false);
    }
}

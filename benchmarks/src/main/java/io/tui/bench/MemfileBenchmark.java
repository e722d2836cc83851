package io.tui.bench;

import io.tui.dhcp.core.lease.Bytes;
import io.tui.dhcp.core.lease.Lease4;
import io.tui.dhcp.core.lease.LeaseState;
import io.tui.dhcp.lease.memfile.Lease4Codec;
import io.tui.dhcp.lease.memfile.LeaseFileException;
import io.tui.dhcp.lease.memfile.LeaseFileLoader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Start-up cost of a memfile lease store: loading a Kea {@code leases4.csv} of {@code leases} rows (one row per
 * lease, written in Kea 2.2's format by Tui's codec) into a map, as a server does before it serves. Each
 * operation is one whole load, timed once (single shot), in a fresh map.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgs = {"-Xmx4g"})
public class MemfileBenchmark {
    @Param({"1000000"})
    public int leases;

    private Path dir;
    private Path file;
    private final Lease4Codec codec = new Lease4Codec();

    @Setup(Level.Trial)
    public void writeFile() throws IOException {
        dir = Files.createTempDirectory("tui-memfile-bench");
        file = dir.resolve("leases4.csv");
        long now = 1_790_000_000L;
        StringBuilder row = new StringBuilder(160);
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            w.write(codec.header(false));
            w.write('\n');
            for (int i = 0; i < leases; i++) {
                int address = 0x0a00_0000 + i; // 10.0.0.0/8 onwards, one lease per address
                byte[] mac = {0x02, 0, (byte) (i >>> 24), (byte) (i >>> 16), (byte) (i >>> 8), (byte) i};
                Lease4 lease = new Lease4(address, Bytes.of(mac), Bytes.of((byte) 1, mac[0], mac[1], mac[2], mac[3],
                        mac[4], mac[5]), 3600, now + 3600 + (i % 600), 1 + (i >>> 16), false, false,
                        "host-" + i, LeaseState.DEFAULT, "", 0);
                row.setLength(0);
                codec.encode(lease, false, row);
                w.append(row).append('\n');
            }
        }
    }

    @TearDown(Level.Trial)
    public void removeFile() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Benchmark
    public int load() throws IOException, LeaseFileException {
        Map<Integer, Lease4> live = new HashMap<>(leases * 2);
        new LeaseFileLoader<>(codec, 0).load(List.of(file), live);
        return live.size();
    }
}

package io.tui.dhcp.core.wire.v4;

import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Test-side generator of random DHCPv4 messages: a model (header fields and options) and its wire bytes,
 * written here from RFC 2131/2132/3396 without the codec, either in canonical form or with the quirks real
 * senders produce (PAD, odd and interleaved RFC 3396 splits, overload, missing END, junk after END).
 */
final class RandomMessages {

    /** What a message means: the header fields and the whole options in first-appearance order. */
    record Model(int op, int htype, int hlen, int hops, int xid, int secs, int flags, int ciaddr, int yiaddr,
            int siaddr, int giaddr, byte[] chaddr, byte[] sname, byte[] file, List<int[]> codes, List<byte[]> values) {

        Dhcp4Packet toPacket() {
            Dhcp4Packet p = new Dhcp4Packet().op(op).htype(htype).hlen(hlen).hops(hops).xid(xid).secs(secs)
                    .flags(flags).ciaddr(ciaddr).yiaddr(yiaddr).siaddr(siaddr).giaddr(giaddr).chaddr(chaddr)
                    .sname(sname).file(file);
            for (int i = 0; i < codes.size(); i++) {
                p.options().put(codes.get(i)[0], values.get(i));
            }
            return p;
        }

        /** Whether a decoded packet has exactly these fields. */
        String mismatch(Dhcp4Packet p) {
            if (p.op() != op || p.htype() != htype || p.hlen() != hlen || p.hops() != hops || p.xid() != xid
                    || p.secs() != secs || p.flags() != flags || p.ciaddr() != ciaddr || p.yiaddr() != yiaddr
                    || p.siaddr() != siaddr || p.giaddr() != giaddr) {
                return "header " + p;
            }
            if (!Arrays.equals(p.chaddr(), chaddr) || !Arrays.equals(p.sname(), sname)
                    || !Arrays.equals(p.file(), file)) {
                return "chaddr/sname/file " + p;
            }
            Dhcp4Options o = p.options();
            if (o.size() != codes.size()) {
                return "option count " + o.size() + " != " + codes.size() + ": " + o;
            }
            for (int i = 0; i < codes.size(); i++) {
                if (o.code(i) != codes.get(i)[0] || !Arrays.equals(o.value(i), values.get(i))) {
                    return "option #" + i + " " + o;
                }
            }
            return null;
        }
    }

    /** A model and its wire form; {@code canonical} when the codec's own encoder would write these bytes. */
    record Message(Model model, byte[] wire, int padAfterEnd, boolean canonical) {
    }

    private final RandomGenerator rnd;

    RandomMessages(RandomGenerator rnd) {
        this.rnd = rnd;
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        rnd.nextBytes(b);
        return b;
    }

    private byte[] nameField(int len, boolean empty) {
        byte[] f = new byte[len];
        if (!empty) {
            int n = 1 + rnd.nextInt(len);
            for (int i = 0; i < n; i++) {
                f[i] = (byte) (rnd.nextBoolean() ? 'a' + rnd.nextInt(26) : rnd.nextInt(256));
            }
            f[rnd.nextInt(n)] = 'x';
        }
        return f;
    }

    private byte[] relayAgentInfo() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int n = 1 + rnd.nextInt(5);
        int[] common = {1, 2, 5, 6, 11, 12, 9, 151};
        for (int i = 0; i < n; i++) {
            int code = common[rnd.nextInt(common.length)];
            int len = code == 5 || code == 11 ? 4 : rnd.nextInt(rnd.nextInt(10) == 0 ? 256 : 20);
            b.write(code);
            b.write(len);
            b.writeBytes(bytes(len));
        }
        return b.toByteArray();
    }

    /** A random model; sname and file are empty when {@code emptyNames}. */
    Model model(boolean emptyNames) {
        byte[] chaddr = new byte[16];
        int hlen = rnd.nextInt(4) == 0 ? rnd.nextInt(256) : 6;
        byte[] addr = bytes(Math.min(hlen, 16));
        System.arraycopy(addr, 0, chaddr, 0, addr.length);
        if (rnd.nextInt(8) == 0) {
            rnd.nextBytes(chaddr);
        }
        List<int[]> codes = new ArrayList<>();
        List<byte[]> values = new ArrayList<>();
        boolean[] used = new boolean[256];
        used[0] = used[52] = used[255] = true;
        int count = rnd.nextInt(4) == 0 ? rnd.nextInt(40) : rnd.nextInt(12);
        if (rnd.nextBoolean()) {
            add(codes, values, used, 53, new byte[] {(byte) (1 + rnd.nextInt(18))});
        }
        if (rnd.nextInt(3) == 0) {
            add(codes, values, used, 82, relayAgentInfo());
        }
        for (int i = 0; i < count; i++) {
            int code = 1 + rnd.nextInt(254);
            if (used[code]) {
                continue;
            }
            int len = switch (rnd.nextInt(10)) {
                case 0 -> 255 + rnd.nextInt(3);
                case 1 -> 256 + rnd.nextInt(900);
                case 2 -> 0;
                default -> rnd.nextInt(24);
            };
            add(codes, values, used, code, bytes(len));
        }
        return new Model(1 + rnd.nextInt(2), rnd.nextInt(256), hlen, rnd.nextInt(256), rnd.nextInt(),
                rnd.nextInt(65536), rnd.nextBoolean() ? 0x8000 : rnd.nextInt(65536), rnd.nextInt(), rnd.nextInt(),
                rnd.nextInt(), rnd.nextInt(), chaddr,
                nameField(64, emptyNames || rnd.nextBoolean()), nameField(128, emptyNames || rnd.nextBoolean()),
                codes, values);
    }

    private static void add(List<int[]> codes, List<byte[]> values, boolean[] used, int code, byte[] v) {
        used[code] = true;
        codes.add(new int[] {code});
        values.add(v);
    }

    private static void header(ByteArrayOutputStream b, Model m, boolean snameIsOptions, boolean fileIsOptions) {
        b.write(m.op);
        b.write(m.htype);
        b.write(m.hlen);
        b.write(m.hops);
        int32(b, m.xid);
        b.write(m.secs >>> 8);
        b.write(m.secs);
        b.write(m.flags >>> 8);
        b.write(m.flags);
        int32(b, m.ciaddr);
        int32(b, m.yiaddr);
        int32(b, m.siaddr);
        int32(b, m.giaddr);
        b.writeBytes(m.chaddr);
        b.writeBytes(snameIsOptions ? new byte[64] : m.sname);
        b.writeBytes(fileIsOptions ? new byte[128] : m.file);
        int32(b, 0x63825363);
    }

    private static void int32(ByteArrayOutputStream b, int v) {
        b.write(v >>> 24);
        b.write(v >>> 16);
        b.write(v >>> 8);
        b.write(v);
    }

    /** The canonical wire form: options in order, 255-byte instances, END, {@code pad} zeros. */
    Message canonical(Model m) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        header(b, m, false, false);
        for (int i = 0; i < m.codes.size(); i++) {
            int code = m.codes.get(i)[0];
            byte[] v = m.values.get(i);
            int off = 0;
            do {
                int len = Math.min(255, v.length - off);
                b.write(code);
                b.write(len);
                b.write(v, off, len);
                off += len;
            } while (off < v.length);
        }
        b.write(255);
        int pad = rnd.nextInt(3) == 0 ? 0 : rnd.nextInt(80);
        b.writeBytes(new byte[pad]);
        return new Message(m, b.toByteArray(), pad, true);
    }

    /** A wire item: an option instance (code, data) or a PAD run (code 0, data.length = count). */
    private record Item(int code, byte[] data) {
        int size() {
            return code == 0 ? data.length : 2 + data.length;
        }
    }

    /**
     * A quirky wire form of {@code m}: random RFC 3396 splits merged in a random order that keeps each code's
     * first appearance in model order, PAD runs, and with {@code overload} (when the model's sname and file
     * are empty) the tail of the item sequence moved into file and sname.
     */
    Message quirky(Model m, boolean overload) {
        List<Deque<Item>> perCode = new ArrayList<>();
        for (int i = 0; i < m.codes.size(); i++) {
            int code = m.codes.get(i)[0];
            byte[] v = m.values.get(i);
            Deque<Item> q = new ArrayDeque<>();
            int off = 0;
            do {
                int len = Math.min(v.length - off, rnd.nextInt(4) == 0 ? rnd.nextInt(256) : 255);
                if (rnd.nextInt(20) == 0) {
                    len = 0;
                }
                q.add(new Item(code, Arrays.copyOfRange(v, off, off + len)));
                off += len;
            } while (off < v.length);
            if (rnd.nextInt(10) == 0) {
                q.add(new Item(code, new byte[0])); // a trailing empty instance (RFC 3396 allows it)
            }
            perCode.add(q);
        }
        List<Item> seq = new ArrayList<>();
        int activated = 0;
        List<Integer> active = new ArrayList<>();
        while (true) {
            active.removeIf(k -> perCode.get(k).isEmpty());
            boolean canActivate = activated < perCode.size();
            if (!canActivate && active.isEmpty()) {
                break;
            }
            if (canActivate && (active.isEmpty() || rnd.nextInt(3) == 0)) {
                seq.add(perCode.get(activated).poll());
                active.add(activated++);
            } else {
                seq.add(perCode.get(active.get(rnd.nextInt(active.size()))).poll());
            }
            if (rnd.nextInt(10) == 0) {
                seq.add(new Item(0, new byte[1 + rnd.nextInt(4)]));
            }
        }
        // the option overload instance goes somewhere in the options field
        boolean useFile = false;
        boolean useSname = false;
        List<Item> fileItems = new ArrayList<>();
        List<Item> snameItems = new ArrayList<>();
        boolean fileEnd = rnd.nextInt(4) != 0;
        boolean snameEnd = rnd.nextInt(4) != 0;
        if (overload) {
            int want = 1 + rnd.nextInt(3);
            if ((want & 2) != 0) {
                useSname = takeTail(seq, snameItems, 64 - (snameEnd ? 1 : 0));
            }
            if ((want & 1) != 0 || !useSname) {
                useFile = takeTail(seq, fileItems, 128 - (fileEnd ? 1 : 0));
            }
            if (!useFile && !useSname) {
                useFile = true; // an overloaded but empty file field is legal
            }
            int value = (useFile ? 1 : 0) | (useSname ? 2 : 0);
            seq.add(rnd.nextInt(seq.size() + 1), new Item(52, new byte[] {(byte) value}));
        }
        boolean end = rnd.nextInt(8) != 0;
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        header(b, m, useSname, useFile);
        byte[] head = b.toByteArray();
        if (useSname) {
            fill(head, 44, 64, snameItems, snameEnd);
        }
        if (useFile) {
            fill(head, 108, 128, fileItems, fileEnd);
        }
        b.reset();
        b.writeBytes(head);
        for (Item it : seq) {
            write(b, it);
        }
        int pad = 0;
        if (end) {
            b.write(255);
            if (rnd.nextInt(4) == 0) {
                byte[] junk = bytes(1 + rnd.nextInt(30));
                b.writeBytes(junk);
            } else {
                pad = rnd.nextInt(60);
                b.writeBytes(new byte[pad]);
            }
        }
        return new Message(m, b.toByteArray(), pad, false);
    }

    /** Moves a random-length tail of {@code seq} that fits in {@code room} bytes to {@code into}. */
    private boolean takeTail(List<Item> seq, List<Item> into, int room) {
        int used = 0;
        int stopAt = rnd.nextInt(room + 1);
        while (!seq.isEmpty()) {
            Item last = seq.get(seq.size() - 1);
            if (used + last.size() > room || used > stopAt) {
                break;
            }
            into.add(0, seq.remove(seq.size() - 1));
            used += last.size();
        }
        return !into.isEmpty() || rnd.nextBoolean();
    }

    private void fill(byte[] head, int at, int len, List<Item> items, boolean end) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (Item it : items) {
            write(b, it);
        }
        if (end && b.size() < len) {
            b.write(255);
            if (b.size() < len && rnd.nextInt(5) == 0) {
                b.writeBytes(bytes(len - b.size()));
            }
        }
        byte[] area = b.toByteArray();
        System.arraycopy(area, 0, head, at, Math.min(area.length, len));
    }

    private static void write(ByteArrayOutputStream b, Item it) {
        if (it.code == 0) {
            b.writeBytes(it.data);
        } else {
            b.write(it.code);
            b.write(it.data.length);
            b.writeBytes(it.data);
        }
    }
}

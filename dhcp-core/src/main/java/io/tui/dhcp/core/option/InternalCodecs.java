package io.tui.dhcp.core.option;

import io.tui.dhcp.core.wire.ParseException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.TreeMap;

/**
 * Text and wire forms of the options whose definition type is {@code internal}, whose Kea text does not follow
 * the generic field rules. These are Kea 3.x notations (Kea 2.2 does not define these options):
 * <ul>
 *   <li>{@code classless-static-route} (v4 121, RFC 3442):
 *       {@code 10.229.0.128/25 - 10.229.0.1, 10.27.129.0/24 - 10.229.0.1};</li>
 *   <li>{@code v6-dnr} (v6 144, RFC 9463 4.1): {@code priority, adn[, addr addr..., svcparams]};</li>
 *   <li>{@code v4-dnr} (v4 162, RFC 9463 5.1): instances as above separated by {@code |} (a literal {@code |}
 *       escaped as {@code \|}).</li>
 * </ul>
 * SvcParams (RFC 9460 2.2) are space-separated {@code key=value} items: {@code mandatory}, {@code alpn} (a list,
 * its commas escaped in the CSV text), {@code no-default-alpn}, {@code port}, {@code ech} (base64) and
 * {@code dohpath}; they are written in ascending key order. {@code ipv4hint}/{@code ipv6hint} are refused
 * (RFC 9463 3.1.5).
 */
final class InternalCodecs {
    private InternalCodecs() {
    }

    private static final String[] SVC_KEYS = {"mandatory", "alpn", "no-default-alpn", "port", "ipv4hint", "ech",
            "ipv6hint", "dohpath"};

    static boolean handles(OptionDefinition def) {
        return kind(def) != null;
    }

    private static String kind(OptionDefinition def) {
        if (def.type() != OptionDataType.INTERNAL) {
            return null;
        }
        return switch (def.name()) {
            case "classless-static-route", "v4-dnr", "v6-dnr" -> def.name();
            default -> null;
        };
    }

    // ------------------------------------------------------------------ text -> wire

    static byte[] encodeCsv(OptionDefinition def, String text) throws OptionConfigException {
        String kind = kind(def);
        if (kind == null) {
            throw new OptionConfigException("csv-format data is not supported for option '" + def.space() + "."
                    + def.name() + "'; give it as hex with csv-format false");
        }
        return switch (kind) {
            case "classless-static-route" -> classlessRoutes(text);
            case "v6-dnr" -> dnrInstance(text, false);
            default -> v4Dnr(text);
        };
    }

    private static byte[] classlessRoutes(String text) throws OptionConfigException {
        ByteSink out = new ByteSink();
        for (String route : KeaText.splitCsv(text)) {
            int dash = route.indexOf(" - ");
            int slash = route.indexOf('/');
            if (dash < 0 || slash < 0 || slash > dash) {
                throw new OptionConfigException("classless static route '" + route
                        + "' is not of the form 'destination/width - router'");
            }
            byte[] dest = FieldCodec.parseIpv4(route.substring(0, slash).strip());
            long width = FieldCodec.parseInteger(OptionDataType.UINT8, route.substring(slash + 1, dash).strip());
            if (width > 32) {
                throw new OptionConfigException("classless static route '" + route + "' has a width above 32");
            }
            byte[] router = FieldCodec.parseIpv4(route.substring(dash + 3).strip());
            out.put((int) width);
            for (int i = 0; i < (width + 7) / 8; i++) {
                int keep = (int) Math.min(8, width - 8L * i);
                out.put(dest[i] & (0xFF << (8 - keep)));
            }
            out.put(router);
        }
        if (out.size() == 0) {
            throw new OptionConfigException("no option value specified");
        }
        return out.toArray();
    }

    private static byte[] v4Dnr(String text) throws OptionConfigException {
        ByteSink out = new ByteSink();
        for (String instance : splitInstances(text)) {
            byte[] body = dnrInstance(instance, true);
            if (body.length > 0xFFFF) {
                throw new OptionConfigException("DNR instance too long");
            }
            out.putUint16(body.length);
            out.put(body);
        }
        if (out.size() == 0) {
            throw new OptionConfigException("no option value specified");
        }
        return out.toArray();
    }

    /** Splits on unescaped {@code |}; {@code \|} stands for a literal bar, other escapes are kept for the CSV step. */
    private static List<String> splitInstances(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == '|') {
                cur.append('|');
                i++;
            } else if (c == '\\' && i + 1 < text.length()) {
                cur.append(c).append(text.charAt(i + 1));
                i++;
            } else if (c == '|') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        out.removeIf(String::isBlank);
        return out;
    }

    /** One DNR instance without the v4 instance length: priority, ADN length and ADN, then addresses and SvcParams. */
    private static byte[] dnrInstance(String text, boolean v4) throws OptionConfigException {
        List<String> f = KeaText.splitCsv(text);
        if (f.size() < 2) {
            throw new OptionConfigException("DNR instance '" + text.strip()
                    + "' needs at least a service priority and an authentication domain name");
        }
        if (f.size() > 4) {
            throw new OptionConfigException("DNR instance '" + text.strip() + "' has more than 4 fields"
                    + " (priority, ADN, addresses, SvcParams); escape commas inside alpn lists");
        }
        ByteSink out = new ByteSink();
        out.putUint16((int) FieldCodec.parseInteger(OptionDataType.UINT16, f.get(0)));
        ByteSink adn = new ByteSink();
        FieldCodec.writeFqdn(f.get(1), adn);
        if (v4) {
            out.put(adn.size());
        } else {
            out.putUint16(adn.size());
        }
        out.put(adn.toArray());
        if (f.size() >= 3) {
            ByteSink addrs = new ByteSink();
            for (String a : f.get(2).strip().split("\\s+")) {
                if (!a.isEmpty()) {
                    addrs.put(v4 ? FieldCodec.parseIpv4(a) : FieldCodec.parseIpv6(a));
                }
            }
            if (addrs.size() == 0 || (v4 && addrs.size() > 255)) {
                throw new OptionConfigException("DNR instance '" + text.strip() + "' has no or too many addresses");
            }
            if (v4) {
                out.put(addrs.size());
            } else {
                out.putUint16(addrs.size());
            }
            out.put(addrs.toArray());
            if (f.size() == 4) {
                out.put(svcParams(f.get(3)));
            }
        }
        return out.toArray();
    }

    private static byte[] svcParams(String text) throws OptionConfigException {
        TreeMap<Integer, byte[]> params = new TreeMap<>();
        for (String item : text.strip().split("\\s+")) {
            if (item.isEmpty()) {
                continue;
            }
            int eq = item.indexOf('=');
            String key = eq < 0 ? item : item.substring(0, eq);
            String value = eq < 0 ? "" : item.substring(eq + 1);
            int code = keyCode(key);
            if (code == 4 || code == 6) {
                throw new OptionConfigException("SvcParam '" + key + "' must not be used in DNR (RFC 9463 3.1.5)");
            }
            ByteSink v = new ByteSink();
            switch (code) {
                case 0 -> {
                    for (String k : value.split(",")) {
                        v.putUint16(keyCode(k));
                    }
                }
                case 1 -> {
                    for (String id : value.split(",")) {
                        byte[] b = id.getBytes(StandardCharsets.UTF_8);
                        if (b.length == 0 || b.length > 255) {
                            throw new OptionConfigException("invalid alpn-id '" + id + "'");
                        }
                        v.put(b.length);
                        v.put(b);
                    }
                }
                case 2 -> {
                    if (!value.isEmpty()) {
                        throw new OptionConfigException("SvcParam 'no-default-alpn' takes no value");
                    }
                }
                case 3 -> v.putUint16((int) FieldCodec.parseInteger(OptionDataType.UINT16, value));
                case 5 -> {
                    try {
                        v.put(Base64.getDecoder().decode(value));
                    } catch (IllegalArgumentException e) {
                        throw new OptionConfigException("SvcParam 'ech' is not valid base64: " + value);
                    }
                }
                default -> v.put(value.getBytes(StandardCharsets.UTF_8));
            }
            if ((code != 2 && v.size() == 0) || params.put(code, v.toArray()) != null) {
                throw new OptionConfigException("SvcParam '" + key + "' is empty or given twice");
            }
        }
        ByteSink out = new ByteSink();
        for (var e : params.entrySet()) {
            out.putUint16(e.getKey());
            out.putUint16(e.getValue().length);
            out.put(e.getValue());
        }
        return out.toArray();
    }

    private static int keyCode(String key) throws OptionConfigException {
        for (int i = 0; i < SVC_KEYS.length; i++) {
            if (SVC_KEYS[i].equals(key)) {
                return i;
            }
        }
        if (key.startsWith("key") && key.length() > 3 && key.length() <= 8
                && key.substring(3).chars().allMatch(c -> c >= '0' && c <= '9')) {
            int k = Integer.parseInt(key.substring(3));
            if (k <= 0xFFFF) {
                return k;
            }
        }
        throw new OptionConfigException("unknown SvcParam key '" + key + "'");
    }

    // ------------------------------------------------------------------ wire -> text

    /** The Kea text of an internal-type payload; the inverse of {@link #encodeCsv}. */
    static String decodeText(OptionDefinition def, byte[] b) throws ParseException {
        String kind = kind(def);
        if (kind == null) {
            throw new ParseException("option " + def.name() + " has no generic field layout", 0);
        }
        return switch (kind) {
            case "classless-static-route" -> decodeRoutes(b);
            case "v6-dnr" -> decodeDnr(b, 0, b.length, false);
            default -> {
                List<String> parts = new ArrayList<>();
                int p = 0;
                while (p < b.length) {
                    if (p + 2 > b.length) {
                        throw new ParseException("truncated DNR instance length", p);
                    }
                    int len = u16(b, p);
                    if (p + 2 + len > b.length) {
                        throw new ParseException("DNR instance overruns the option", p);
                    }
                    parts.add(decodeDnr(b, p + 2, p + 2 + len, true).replace("|", "\\|"));
                    p += 2 + len;
                }
                if (parts.isEmpty()) {
                    throw new ParseException("empty DNR option", 0);
                }
                yield String.join(" | ", parts);
            }
        };
    }

    private static String decodeRoutes(byte[] b) throws ParseException {
        List<String> routes = new ArrayList<>();
        int p = 0;
        while (p < b.length) {
            int width = b[p] & 0xFF;
            if (width > 32) {
                throw new ParseException("route width " + width + " is above 32", p);
            }
            int sig = (width + 7) / 8;
            if (p + 1 + sig + 4 > b.length) {
                throw new ParseException("truncated classless static route", p);
            }
            byte[] dest = new byte[4];
            System.arraycopy(b, p + 1, dest, 0, sig);
            routes.add(AddressText.formatIpv4(dest, 0) + "/" + width + " - " + AddressText.formatIpv4(b, p + 1 + sig));
            p += 1 + sig + 4;
        }
        if (routes.isEmpty()) {
            throw new ParseException("empty classless static route option", 0);
        }
        return String.join(", ", routes);
    }

    private static String decodeDnr(byte[] b, int p, int end, boolean v4) throws ParseException {
        int lenSize = v4 ? 1 : 2;
        if (p + 2 + lenSize > end) {
            throw new ParseException("truncated DNR instance", p);
        }
        int priority = u16(b, p);
        int adnLen = v4 ? b[p + 2] & 0xFF : u16(b, p + 2);
        int q = p + 2 + lenSize;
        if (q + adnLen > end) {
            throw new ParseException("DNR ADN overruns the instance", q);
        }
        FieldCodec.Cursor c = new FieldCodec.Cursor(q);
        String adn = ((FieldValue.Text) FieldCodec.decode(OptionDataType.FQDN, b, c, q + adnLen, Universe.V6)).value();
        if (c.pos != q + adnLen) {
            throw new ParseException("DNR ADN length does not match the name", q);
        }
        StringBuilder sb = new StringBuilder().append(priority).append(", ").append(KeaText.escapeCsv(adn));
        q += adnLen;
        if (q == end) {
            return sb.toString();
        }
        if (q + lenSize > end) {
            throw new ParseException("truncated DNR address length", q);
        }
        int addrLen = v4 ? b[q] & 0xFF : u16(b, q);
        q += lenSize;
        int size = v4 ? 4 : 16;
        if (addrLen == 0 || addrLen % size != 0 || q + addrLen > end) {
            throw new ParseException("invalid DNR address length " + addrLen, q);
        }
        sb.append(", ");
        for (int i = 0; i < addrLen; i += size) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(v4 ? AddressText.formatIpv4(b, q + i) : AddressText.formatIpv6(b, q + i));
        }
        q += addrLen;
        if (q < end) {
            sb.append(", ").append(decodeSvcParams(b, q, end));
        }
        return sb.toString();
    }

    private static String decodeSvcParams(byte[] b, int p, int end) throws ParseException {
        List<String> items = new ArrayList<>();
        int last = -1;
        while (p < end) {
            if (p + 4 > end) {
                throw new ParseException("truncated SvcParam", p);
            }
            int key = u16(b, p);
            int len = u16(b, p + 2);
            int v = p + 4;
            if (v + len > end || key <= last) {
                throw new ParseException("SvcParam overruns the instance or is out of order", p);
            }
            last = key;
            String name = key < SVC_KEYS.length ? SVC_KEYS[key] : "key" + key;
            String value;
            switch (key) {
                case 0 -> {
                    if (len % 2 != 0) {
                        throw new ParseException("bad mandatory SvcParam", p);
                    }
                    List<String> keys = new ArrayList<>();
                    for (int i = 0; i < len; i += 2) {
                        int k = u16(b, v + i);
                        keys.add(k < SVC_KEYS.length ? SVC_KEYS[k] : "key" + k);
                    }
                    value = String.join("\\,", keys);
                }
                case 1 -> {
                    List<String> ids = new ArrayList<>();
                    for (int i = v; i < v + len; ) {
                        int l = b[i] & 0xFF;
                        if (l == 0 || i + 1 + l > v + len) {
                            throw new ParseException("bad alpn SvcParam", i);
                        }
                        ids.add(new String(b, i + 1, l, StandardCharsets.UTF_8));
                        i += 1 + l;
                    }
                    value = String.join("\\,", ids);
                }
                case 3 -> {
                    if (len != 2) {
                        throw new ParseException("bad port SvcParam", p);
                    }
                    value = Integer.toString(u16(b, v));
                }
                case 2 -> value = null;
                case 5 -> value = Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(b, v, v + len));
                default -> value = new String(b, v, len, StandardCharsets.UTF_8);
            }
            if (value != null && (value.contains(" ") || value.contains("|"))) {
                throw new ParseException("SvcParam value has no text form", p);
            }
            items.add(value == null ? name : name + "=" + value);
            p = v + len;
        }
        return String.join(" ", items);
    }

    private static int u16(byte[] b, int p) {
        return ((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF);
    }
}

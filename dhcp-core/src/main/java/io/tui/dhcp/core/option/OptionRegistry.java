package io.tui.dhcp.core.option;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.tui.dhcp.core.wire.ParseException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The option definitions of one universe (DHCPv4 or DHCPv6): Kea's standard tables with the custom
 * {@code option-def} entries of a configuration layered on top. Immutable; build it with {@link #standard} and
 * {@link #withCustomDefinitions}.
 *
 * <p>Lookups follow Kea's order: a standard definition wins, then a custom one, then a replaceable standard one (see
 * {@link StandardOptionTables}). Vendor spaces are named {@code vendor-<enterprise-number>}.
 */
public final class OptionRegistry {
    private static final int MAX_NESTING = 8;

    private final Universe universe;
    private final Map<String, Space> standard;
    private final Map<String, Space> custom;
    private final Map<String, Space> replaceable;
    private final List<OptionDefinition> customList;
    /** Lookup order: standard, custom, replaceable standard. */
    private final List<Map<String, Space>> layers;

    /** The definitions of one space by code and by name. */
    private record Space(Map<Integer, OptionDefinition> byCode, Map<String, OptionDefinition> byName) {
        static Space empty() {
            return new Space(new TreeMap<>(), new HashMap<>());
        }

        void add(OptionDefinition d) {
            byCode.put(d.code(), d);
            byName.put(d.name(), d);
        }
    }

    private OptionRegistry(Universe universe, Map<String, Space> standard, Map<String, Space> custom,
                           Map<String, Space> replaceable, List<OptionDefinition> customList) {
        this.universe = universe;
        this.standard = standard;
        this.custom = custom;
        this.replaceable = replaceable;
        this.customList = List.copyOf(customList);
        this.layers = List.of(standard, custom, replaceable);
    }

    /** The standard definitions of a universe, with no custom ones. */
    public static OptionRegistry standard(Universe universe) {
        Map<String, Space> std = new HashMap<>();
        Map<String, Space> repl = new HashMap<>();
        for (Map.Entry<String, String> t : StandardOptionTables.tables(universe).entrySet()) {
            std.computeIfAbsent(t.getKey(), k -> Space.empty());
            for (StandardOptionTables.Row row : StandardOptionTables.parse(t.getKey(), t.getValue())) {
                (row.replaceable() ? repl : std).computeIfAbsent(t.getKey(), k -> Space.empty()).add(row.definition());
            }
        }
        return new OptionRegistry(universe, std, Map.of(), repl, List.of());
    }

    /**
     * A registry with these custom definitions (a configuration's {@code option-def} list) on top of this one's
     * standard definitions; custom definitions of this registry are replaced, not merged.
     *
     * @throws OptionConfigException when a definition is invalid, redefines a standard option, or repeats a name or
     *                               code in its space; the message names the definition
     */
    public OptionRegistry withCustomDefinitions(List<OptionDefinition> definitions) throws OptionConfigException {
        Map<String, Space> cust = new HashMap<>();
        for (int i = 0; i < definitions.size(); i++) {
            try {
                addCustom(cust, definitions.get(i));
            } catch (OptionConfigException x) {
                throw new OptionConfigException(x.getMessage(), i);
            }
        }
        // A custom definition hides the replaceable standard definition with the same code or name.
        Map<String, Space> repl = new HashMap<>();
        for (Map.Entry<String, Space> e : replaceable.entrySet()) {
            Space mine = cust.get(e.getKey());
            Space kept = Space.empty();
            for (OptionDefinition d : e.getValue().byCode.values()) {
                if (mine == null || (!mine.byCode.containsKey(d.code()) && !mine.byName.containsKey(d.name()))) {
                    kept.add(d);
                }
            }
            repl.put(e.getKey(), kept);
        }
        return new OptionRegistry(universe, standard, cust, repl, definitions);
    }

    private void addCustom(Map<String, Space> cust, OptionDefinition d) throws OptionConfigException {
        d.validate();
        OptionDefinition.checkCode(universe, d.space(), d.code());
        Space std = vendorEnterpriseId(d.space()).isPresent() ? null : standard.get(d.space());
        if (std != null && std.byCode.containsKey(d.code())) {
            throw new OptionConfigException("unable to override definition of option '" + d.code()
                    + "' in standard option space '" + d.space() + "'");
        }
        if (std != null && std.byName.containsKey(d.name())) {
            throw new OptionConfigException("unable to override definition of option '" + d.name()
                    + "' in standard option space '" + d.space() + "'");
        }
        Space mine = cust.computeIfAbsent(d.space(), k -> Space.empty());
        if (mine.byName.containsKey(d.name())) {
            throw new OptionConfigException("option definition with name '" + d.name()
                    + "' already exists in option space '" + d.space() + "'");
        }
        if (mine.byCode.containsKey(d.code())) {
            throw new OptionConfigException("option definition with code '" + d.code()
                    + "' already exists in option space '" + d.space() + "'");
        }
        mine.add(d);
    }

    /** The universe of this registry. */
    public Universe universe() {
        return universe;
    }

    /** The custom definitions given to {@link #withCustomDefinitions}, in their order. */
    public List<OptionDefinition> customDefinitions() {
        return customList;
    }

    /** The definition of a code in a space. */
    public Optional<OptionDefinition> definition(String space, int code) {
        for (Map<String, Space> layer : layers) {
            Space s = layer.get(space);
            OptionDefinition d = s == null ? null : s.byCode.get(code);
            if (d != null) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    /** The definition of a name in a space. */
    public Optional<OptionDefinition> definition(String space, String name) {
        for (Map<String, Space> layer : layers) {
            Space s = layer.get(space);
            OptionDefinition d = s == null ? null : s.byName.get(name);
            if (d != null) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    /** The effective definitions of a space, by code. */
    public List<OptionDefinition> definitions(String space) {
        TreeMap<Integer, OptionDefinition> all = new TreeMap<>();
        for (Map<String, Space> layer : List.of(replaceable, custom, standard)) {
            Space s = layer.get(space);
            if (s != null) {
                all.putAll(s.byCode);
            }
        }
        return List.copyOf(all.values());
    }

    /** Every space that has definitions or is a standard (possibly empty) space, sorted. */
    public Set<String> spaces() {
        Set<String> all = new TreeSet<>(standard.keySet());
        all.addAll(custom.keySet());
        replaceable.forEach((k, v) -> {
            if (!v.byCode.isEmpty()) {
                all.add(k);
            }
        });
        return Collections.unmodifiableSet(all);
    }

    /** The definitions whose options carry the options of {@code space} (e.g. option 43 for its sub-option space). */
    public List<OptionDefinition> encapsulatingOptions(String space) {
        List<OptionDefinition> out = new ArrayList<>();
        for (String s : spaces()) {
            for (OptionDefinition d : definitions(s)) {
                if (d.encapsulate().equals(space)) {
                    out.add(d);
                }
            }
        }
        return out;
    }

    /** The enterprise number of a {@code vendor-<number>} space. */
    public static OptionalLong vendorEnterpriseId(String space) {
        if (space == null || !space.startsWith("vendor-") || space.length() == 7 || space.length() > 17) {
            return OptionalLong.empty();
        }
        String n = space.substring(7);
        if (!n.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return OptionalLong.empty();
        }
        long id = Long.parseLong(n);
        return id <= 0xFFFF_FFFFL ? OptionalLong.of(id) : OptionalLong.empty();
    }

    /** The space of a vendor's options: {@code vendor-<enterpriseId>}. */
    public static String vendorSpace(long enterpriseId) {
        return "vendor-" + enterpriseId;
    }

    /** True when the code is the vendor-specific information option of this universe (v4 125, v6 17). */
    private boolean isVendorOption(String space, int code) {
        return space.equals(universe.topSpace()) && code == (universe == Universe.V4 ? 125 : 17);
    }

    // ------------------------------------------------------------------ option-data

    /**
     * Encodes one option's data as Kea does (no sub-options are added): the convenience entry point for tests and
     * tools. {@code space} null means the universe's top space.
     */
    public byte[] encodeOptionData(String space, String name, Integer code, String data, Boolean csvFormat)
            throws OptionConfigException {
        return resolve(new OptionDataEntry(name, code == null ? null : code.longValue(), space, data, csvFormat, false, false))
                .payload();
    }

    /**
     * Resolves one {@code option-data} entry: finds its definition (by code when a code is given, else by name),
     * checks that name and code agree, and encodes the data. Sub-options are not added; see {@link #resolveAll}.
     *
     * @throws OptionConfigException naming the entry and what is wrong
     */
    public ResolvedOption resolve(OptionDataEntry e) throws OptionConfigException {
        Resolved r = resolveOwn(e);
        return new ResolvedOption(r.space, r.code, r.name, r.payload, e.alwaysSend(), e.neverSend());
    }

    /**
     * Resolves the {@code option-data} list of one configuration level (global, shared network, subnet, pool,
     * class or host). Options whose definition encapsulates a space receive, after their own data, the options of
     * that space given at the same level, packed as sub-options in ascending code order (options with the same
     * code keep their configuration order); nesting is followed. Options encapsulating the top space itself
     * ({@code ia-na}, {@code lq-query}...) get no sub-options from configuration, as in Kea. The vendor option (v4 125 {@code vivso-suboptions},
     * v6 17 {@code vendor-opts}) carries the options of its {@code vendor-<enterprise>} space the same way.
     *
     * @return one resolved option per entry, in the order of the entries; sub-option entries stay in the list in
     *         their own space (the servers send only options of the top space and the vendor options)
     */
    public List<ResolvedOption> resolveAll(List<OptionDataEntry> entries) throws OptionConfigException {
        List<Resolved> own = new ArrayList<>(entries.size());
        Map<String, List<Resolved>> bySpace = new LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            Resolved r;
            try {
                r = resolveOwn(entries.get(i), i);
            } catch (OptionConfigException x) {
                throw new OptionConfigException(x.getMessage(), i);
            }
            own.add(r);
            bySpace.computeIfAbsent(r.space, k -> new ArrayList<>()).add(r);
        }
        List<ResolvedOption> out = new ArrayList<>(own.size());
        for (int i = 0; i < own.size(); i++) {
            Resolved r = own.get(i);
            byte[] payload = withSubOptions(r, bySpace, new HashSet<>(), 0);
            out.add(new ResolvedOption(r.space, r.code, r.name, payload, entries.get(i).alwaysSend(),
                    entries.get(i).neverSend()));
        }
        return List.copyOf(out);
    }

    /**
     * The payload of a vendor-specific information option for one enterprise with the given sub-options (v4 option
     * 125: enterprise number, data length, sub-options; v6 option 17: enterprise number, sub-options). For servers
     * that assemble vendor options per request.
     */
    public byte[] vendorOptionPayload(long enterpriseId, List<ResolvedOption> subOptions) throws OptionConfigException {
        ByteSink out = new ByteSink();
        out.putUint32(enterpriseId);
        List<ResolvedOption> sorted = new ArrayList<>(subOptions);
        sorted.sort(Comparator.comparingInt(ResolvedOption::code));
        ByteSink subs = new ByteSink();
        for (ResolvedOption s : sorted) {
            writeSubOption(subs, s.space(), s.code(), s.name(), s.payload());
        }
        if (universe == Universe.V4) {
            if (subs.size() > 255) {
                throw new OptionConfigException("vendor options of enterprise " + enterpriseId + " take " + subs.size()
                        + " bytes, more than the 255 a DHCPv4 vendor block can carry");
            }
            out.put(subs.size());
        }
        out.put(subs.toArray());
        return out.toArray();
    }

    private record Resolved(String space, int code, String name, byte[] payload, OptionDefinition def, String entry,
                            int index) {
    }

    private Resolved resolveOwn(OptionDataEntry e) throws OptionConfigException {
        return resolveOwn(e, -1);
    }

    private Resolved resolveOwn(OptionDataEntry e, int index) throws OptionConfigException {
        String space = e.space() == null ? universe.topSpace() : e.space();
        String entry = e.describe();
        try {
            if (!OptionDefinition.isValidName(space)) {
                throw new OptionConfigException("invalid option space name '" + space + "'");
            }
            if (e.code() == null && (e.name() == null || e.name().isEmpty())) {
                throw new OptionConfigException(
                        "option data configuration requires one of 'code' or 'name' parameters to be specified");
            }
            boolean csv = e.csvFormat() == null || e.csvFormat();
            String data = e.data() == null ? "" : e.data();
            OptionDefinition def;
            int code;
            if (e.code() != null) {
                OptionDefinition.checkCode(universe, space, e.code());
                code = e.code().intValue();
                def = definition(space, code).orElse(null);
                if (def != null && e.name() != null && !e.name().isEmpty() && !def.name().equals(e.name())) {
                    throw new OptionConfigException("specified option name '" + e.name()
                            + "' does not match the option definition: '" + space + "." + def.name() + "'");
                }
            } else {
                def = definition(space, e.name()).orElse(null);
                if (def == null) {
                    throw new OptionConfigException(csv
                            ? "definition for the option '" + space + "." + e.name() + "' having code '0' does not exist"
                            : "definition for the option '" + space + "." + e.name() + "' does not exist");
                }
                code = def.code();
            }
            String name = def != null ? def.name() : e.name() == null ? "" : e.name();
            byte[] payload;
            if (def == null) {
                if (csv) {
                    throw new OptionConfigException("definition for the option '" + space + "." + name + "' having code '"
                            + code + "' does not exist");
                }
                payload = KeaText.parseHexData(data);
            } else if (csv) {
                try {
                    payload = OptionCodec.encodeCsv(def, data, universe);
                } catch (OptionConfigException x) {
                    throw mismatch(space, code, x.getMessage());
                }
            } else {
                payload = KeaText.parseHexData(data);
                checkHexFits(def, payload);
            }
            if (payload.length > universe.maxPayload() && universe == Universe.V6) {
                throw new OptionConfigException("option data of " + payload.length + " bytes is longer than 65535");
            }
            return new Resolved(space, code, name, payload, def, entry, index);
        } catch (OptionConfigException x) {
            throw new OptionConfigException(entry + ": " + x.getMessage());
        }
    }

    private static OptionConfigException mismatch(String space, int code, String detail) {
        return new OptionConfigException("option data does not match option definition (space: " + space + ", code: "
                + code + "): " + detail);
    }

    /** Kea builds the option from hex data with its definition; data that cannot be read that way is refused. */
    private void checkHexFits(OptionDefinition def, byte[] payload) throws OptionConfigException {
        if (def.type() == OptionDataType.EMPTY
                || (def.type() == OptionDataType.INTERNAL && !InternalCodecs.handles(def))) {
            return;
        }
        try {
            if (def.type() == OptionDataType.INTERNAL) {
                InternalCodecs.decodeText(def, payload);
            } else {
                OptionCodec.decodeFields(def, payload, 0, payload.length, universe, true);
            }
        } catch (ParseException x) {
            throw mismatch(def.space(), def.code(), x.getMessage());
        }
    }

    private byte[] withSubOptions(Resolved r, Map<String, List<Resolved>> bySpace, Set<String> path, int depth)
            throws OptionConfigException {
        String encap = r.def == null ? "" : r.def.encapsulate();
        if (encap.equals(universe.topSpace())) {
            // As Kea: options of the top space (ia-na, iaaddr, client-data...) are never filled from configuration.
            encap = "";
        }
        boolean vendor = isVendorOption(r.space, r.code) && r.payload.length >= 4;
        if (vendor) {
            encap = vendorSpace(readUint32(r.payload, 0));
        }
        List<Resolved> subs = encap.isEmpty() ? List.of() : bySpace.getOrDefault(encap, List.of());
        if (subs.isEmpty()) {
            if (vendor && universe == Universe.V4 && r.payload.length == 4) {
                return new byte[] {r.payload[0], r.payload[1], r.payload[2], r.payload[3], 0};
            }
            return r.payload;
        }
        if (depth >= MAX_NESTING || !path.add(encap)) {
            throw new OptionConfigException(r.entry + ": option space '" + encap
                    + "' is encapsulated within itself or nested too deeply", r.index);
        }
        List<Resolved> sorted = new ArrayList<>(subs);
        sorted.sort(Comparator.comparingInt(Resolved::code));
        ByteSink packed = new ByteSink();
        for (Resolved s : sorted) {
            byte[] sp = withSubOptions(s, bySpace, path, depth + 1);
            try {
                writeSubOption(packed, s.space, s.code, s.name, sp);
            } catch (OptionConfigException x) {
                throw new OptionConfigException(s.entry + ": " + x.getMessage(), s.index);
            }
        }
        path.remove(encap);
        ByteSink out = new ByteSink();
        out.put(r.payload);
        if (vendor && universe == Universe.V4) {
            if (r.payload.length != 4) {
                throw new OptionConfigException(r.entry + ": a vivso-suboptions option with sub-options must hold only"
                        + " the enterprise number", r.index);
            }
            if (packed.size() > 255) {
                throw new OptionConfigException(r.entry + ": vendor sub-options take " + packed.size()
                        + " bytes, more than the 255 a DHCPv4 vendor block can carry", r.index);
            }
            out.put(packed.size());
        }
        out.put(packed.toArray());
        if (out.size() > universe.maxPayload() && universe == Universe.V6) {
            throw new OptionConfigException(r.entry + ": option with its sub-options is longer than 65535 bytes", r.index);
        }
        return out.toArray();
    }

    private void writeSubOption(ByteSink out, String space, int code, String name, byte[] payload)
            throws OptionConfigException {
        if (payload.length > universe.maxPayload()) {
            throw new OptionConfigException("sub-option '" + space + "." + name + "' (code " + code + ") has "
                    + payload.length + " bytes of data, more than the " + universe.maxPayload() + " its header can carry");
        }
        if (universe == Universe.V4) {
            out.put(code);
            out.put(payload.length);
        } else {
            out.putUint16(code);
            out.putUint16(payload.length);
        }
        out.put(payload);
    }

    private static long readUint32(byte[] b, int off) {
        return ((b[off] & 0xFFL) << 24) | ((b[off + 1] & 0xFFL) << 16) | ((b[off + 2] & 0xFFL) << 8) | (b[off + 3] & 0xFFL);
    }

    // ------------------------------------------------------------------ decoding

    /**
     * Decodes an option payload into typed fields by its definition in {@code space}, with the sub-options of an
     * encapsulated space (and of a vendor option's {@code vendor-<enterprise>} space) decoded in turn. Never
     * fails: an option without a definition, or whose payload does not fit its definition, comes back as
     * {@link OptionValue.Raw} with the reason.
     */
    public OptionValue decode(String space, int code, byte[] payload) {
        return decode(space, code, payload, 0);
    }

    /** As {@link #decode(String, int, byte[])} for the readable bytes of a buffer; the buffer is not changed. */
    public OptionValue decode(String space, int code, ByteBuf payload) {
        return decode(space, code, ByteBufUtil.getBytes(payload), 0);
    }

    private OptionValue decode(String space, int code, byte[] payload, int depth) {
        OptionDefinition def = definition(space, code).orElse(null);
        if (def == null) {
            return new OptionValue.Raw(space, code, payload, "no definition");
        }
        try {
            if (def.type() == OptionDataType.INTERNAL) {
                return new OptionValue.Formatted(def, InternalCodecs.decodeText(def, payload));
            }
            OptionCodec.Decoded d = OptionCodec.decodeFields(def, payload, 0, payload.length, universe);
            int pos = d.end();
            String encap = def.encapsulate();
            if (isVendorOption(space, code)) {
                encap = vendorSpace(((FieldValue.Int) d.fields().getFirst()).value());
                if (universe == Universe.V4) {
                    if (pos >= payload.length) {
                        throw new ParseException("vendor block has no data-len byte", pos);
                    }
                    int len = payload[pos] & 0xFF;
                    if (pos + 1 + len != payload.length) {
                        throw new ParseException("vendor block data-len " + len + " does not match the option length", pos);
                    }
                    pos++;
                }
            }
            List<OptionValue> subs = new ArrayList<>();
            if (pos < payload.length) {
                if (encap.isEmpty()) {
                    throw new ParseException((payload.length - pos) + " bytes left after the option's fields", pos);
                }
                if (depth >= MAX_NESTING) {
                    throw new ParseException("sub-options nested too deeply", pos);
                }
                int h = universe.headerFieldSize();
                while (pos < payload.length) {
                    if (pos + 2 * h > payload.length) {
                        throw new ParseException("truncated sub-option header", pos);
                    }
                    int subCode = h == 1 ? payload[pos] & 0xFF : ((payload[pos] & 0xFF) << 8) | (payload[pos + 1] & 0xFF);
                    int len = h == 1 ? payload[pos + 1] & 0xFF : ((payload[pos + 2] & 0xFF) << 8) | (payload[pos + 3] & 0xFF);
                    if (pos + 2 * h + len > payload.length) {
                        throw new ParseException("sub-option " + subCode + " overruns its option", pos);
                    }
                    byte[] sub = java.util.Arrays.copyOfRange(payload, pos + 2 * h, pos + 2 * h + len);
                    subs.add(decode(encap, subCode, sub, depth + 1));
                    pos += 2 * h + len;
                }
            }
            return new OptionValue.Typed(def, d.fields(), subs);
        } catch (ParseException x) {
            return new OptionValue.Raw(space, code, payload, x.getMessage());
        }
    }
}

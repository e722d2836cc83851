package io.tui.dhcp.core.option;

import io.tui.dhcp.core.wire.ParseException;

import java.util.ArrayList;
import java.util.List;

/** Whole-option text to wire and wire to fields, driven by an {@link OptionDefinition}. */
final class OptionCodec {
    private OptionCodec() {
    }

    /** Decoded fields and the offset just after the last one. */
    record Decoded(List<FieldValue> fields, int end) {
    }

    /**
     * Encodes {@code csv-format: true} data by the definition's fields, with Kea's rules: a record needs at least
     * one value per field (extra values are ignored unless the record is an array, whose last field repeats); a
     * scalar takes the first value; arrays take every value; {@code empty} takes none.
     */
    static byte[] encodeCsv(OptionDefinition def, String data, Universe universe) throws OptionConfigException {
        String text = data == null ? "" : data;
        ByteSink out = new ByteSink();
        if (def.type() == OptionDataType.EMPTY) {
            if (!text.isBlank()) {
                throw new OptionConfigException("option of type 'empty' takes no data, got '" + text + "'");
            }
            return out.toArray();
        }
        if (def.type() == OptionDataType.INTERNAL) {
            return InternalCodecs.encodeCsv(def, text);
        }
        List<String> tokens = KeaText.splitCsv(text);
        if (def.type() == OptionDataType.RECORD) {
            List<OptionDataType> fields = def.recordTypes();
            if (tokens.size() < fields.size()) {
                throw new OptionConfigException("number of data fields for the option type '" + def.code()
                        + "' is greater than number of values provided.");
            }
            for (int i = 0; i < fields.size(); i++) {
                FieldCodec.encode(fields.get(i), tokens.get(i), universe, out);
            }
            if (def.array()) {
                for (int i = fields.size(); i < tokens.size(); i++) {
                    FieldCodec.encode(fields.getLast(), tokens.get(i), universe, out);
                }
            }
        } else if (def.array()) {
            boolean address = def.type() == OptionDataType.IPV4_ADDRESS || def.type() == OptionDataType.IPV6_ADDRESS;
            if (tokens.isEmpty() && !address) {
                throw new OptionConfigException("no option value specified");
            }
            for (String t : tokens) {
                FieldCodec.encode(def.type(), t, universe, out);
            }
        } else {
            if (tokens.isEmpty()) {
                throw new OptionConfigException("no option value specified");
            }
            FieldCodec.encode(def.type(), tokens.getFirst(), universe, out);
        }
        return out.toArray();
    }

    /**
     * Decodes the fields of an option payload from {@code off} up to at most {@code end}. Trailing bytes after a
     * non-array value are left for the caller (sub-options, or rejection).
     */
    static Decoded decodeFields(OptionDefinition def, byte[] b, int off, int end, Universe universe) throws ParseException {
        return decodeFields(def, b, off, end, universe, false);
    }

    /** As above; with {@code anyText} text fields accept any bytes (checking hex data the way Kea does). */
    static Decoded decodeFields(OptionDefinition def, byte[] b, int off, int end, Universe universe, boolean anyText)
            throws ParseException {
        List<FieldValue> fields = new ArrayList<>();
        FieldCodec.Cursor c = new FieldCodec.Cursor(off, anyText);
        switch (def.type()) {
            case EMPTY -> {
                return new Decoded(fields, off);
            }
            case INTERNAL -> throw new ParseException("option " + def.name() + " has no generic field layout", off);
            case RECORD -> {
                List<OptionDataType> types = def.recordTypes();
                for (OptionDataType t : types) {
                    fields.add(FieldCodec.decode(t, b, c, end, universe));
                }
                if (def.array()) {
                    readArray(types.getLast(), b, c, end, universe, fields);
                }
            }
            default -> {
                if (def.array()) {
                    readArray(def.type(), b, c, end, universe, fields);
                } else {
                    fields.add(FieldCodec.decode(def.type(), b, c, end, universe));
                }
            }
        }
        return new Decoded(fields, c.pos);
    }

    private static void readArray(OptionDataType t, byte[] b, FieldCodec.Cursor c, int end, Universe universe,
                                  List<FieldValue> out) throws ParseException {
        int size = t.fixedSize();
        if (c.pos >= end && t != OptionDataType.IPV4_ADDRESS && t != OptionDataType.IPV6_ADDRESS && !c.anyText) {
            // Kea's CSV can write an empty list only for addresses.
            throw new ParseException("empty array of " + t, c.pos);
        }
        if (size > 0 && (end - c.pos) % size != 0) {
            throw new ParseException("array of " + t + " has " + (end - c.pos) + " bytes, not a multiple of " + size, c.pos);
        }
        while (c.pos < end) {
            int before = c.pos;
            out.add(FieldCodec.decode(t, b, c, end, universe));
            if (c.pos <= before) {
                throw new ParseException("array element of " + t + " consumed no bytes", before);
            }
        }
    }
}

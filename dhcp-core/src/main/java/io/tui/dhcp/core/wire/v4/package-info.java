/**
 * The DHCPv4 wire codec (RFC 2131, RFC 2132, RFC 3396): {@link io.tui.dhcp.core.wire.v4.Dhcp4Codec} decodes
 * a {@link io.netty.buffer.ByteBuf} into a mutable {@link io.tui.dhcp.core.wire.v4.Dhcp4Packet} (BOOTP
 * header with IPv4 addresses as {@code int}s, and {@link io.tui.dhcp.core.wire.v4.Dhcp4Options}) and encodes
 * one into a caller-supplied buffer. Typed views (message type, client FQDN, relay agent information, V-I
 * vendor options, PXE options, ...) parse option values on demand and report bad content as
 * {@link io.tui.dhcp.core.wire.ParseException}.
 *
 * <h2>Options</h2>
 * One entry per code, in order of first appearance on the wire. Instances of one code are concatenated
 * across the options, file and sname fields in that order (RFC 3396, RFC 2131 4.1); the encoder splits
 * values over 255 bytes into consecutive 255-byte instances. PAD, END and option overload (52) are wire
 * structure, never entries.
 *
 * <h2>Byte-exact re-encoding</h2>
 * The encoder has one canonical form: options in container order, each code in one run of instances, no
 * PAD, END, then zero padding. A decoded packet records the count of zero bytes after END
 * ({@link io.tui.dhcp.core.wire.v4.Dhcp4Packet#padAfterEnd()}; dhclient pads to 300 bytes). A message that
 * is not canonical in any other way (overload, PAD bytes anywhere, instances split differently or spread
 * out, missing END, non-zero bytes after an END) keeps its wire layout: the sequence of PAD runs, instance
 * code/length pairs and END per field, and raw copies of non-zero bytes after END. The encoder replays that
 * layout, taking instance bytes from the current option values, as long as it still fits the packet (same
 * codes in the same order with the same total lengths, and the overloaded fields still empty); otherwise
 * it writes the canonical form. So {@code encode(decode(x))} equals {@code x} for every message
 * {@code decode} accepts, and header or same-length option edits are kept.
 *
 * <h2>Overload policy</h2>
 * Decoding: option 52 must appear only in the options field with a total length of 1 and a value of 1, 2
 * or 3; then the file field and the sname field are read as options (in that order) and read as empty
 * names in the packet. Encoding: only when the canonical form exceeds the maximum message size the caller
 * passes; option 52 is written first in the options field; instances are placed in order, each in the
 * first field with room from the current one on (options, then file, then sname), so order and RFC 3396
 * concatenation order are kept; options of up to 255 bytes are never split; a field is used only when
 * empty in the packet; each used field ends with END. If it still does not fit, the canonical form is
 * written unchanged.
 *
 * <h2>Missing END and other leniency</h2>
 * Like ISC dhcpd and Kea, a field that ends without END is accepted: the options up to the end of the
 * field are used (and the layout remembers that END was missing). Everything that cannot be read
 * unambiguously is a {@code ParseException} with an offset from the start of the message: fewer than 236
 * header bytes, a missing or wrong magic cookie, an option whose length byte or data runs past the end of
 * its field, an invalid or misplaced option 52, and messages over 65535 bytes. No unchecked exception
 * escapes for any input, loops are bounded by the input length and allocation by a small multiple of it.
 *
 * <h2>Allocation</h2>
 * Decoding allocates the packet, one array per distinct option code, the 16-byte chaddr, sname/file copies
 * only when non-zero, and a small scratch list of instance positions (plus the layout when non-canonical).
 * Encoding of a new packet allocates nothing besides a small plan array when it overloads.
 */
package io.tui.dhcp.core.wire.v4;

/**
 * The option definition registry: Kea's option names, codes and data types, Kea {@code option-data} text to wire
 * bytes, custom {@code option-def}s, encapsulated spaces, and typed decoding with a raw fallback.
 *
 * <h2>Public API</h2>
 * <ul>
 *   <li>{@link io.tui.dhcp.core.option.OptionRegistry} — immutable, one per {@link io.tui.dhcp.core.option.Universe}.
 *       {@code OptionRegistry.standard(Universe.V4)} gives Kea's standard definitions;
 *       {@code withCustomDefinitions(defs)} layers a configuration's {@code option-def} list on top (Kea's rules:
 *       no redefinition of standard options, unique names and codes per space).
 *       <ul>
 *         <li>{@code definition(space, code)}, {@code definition(space, name)}, {@code definitions(space)},
 *             {@code spaces()}, {@code encapsulatingOptions(space)}, {@code vendorEnterpriseId(space)} —
 *             lookups;</li>
 *         <li>{@code resolve(OptionDataEntry)} — one {@code option-data} entry to a
 *             {@link io.tui.dhcp.core.option.ResolvedOption} (space, code, name, payload bytes, always-send,
 *             never-send);</li>
 *         <li>{@code resolveAll(List<OptionDataEntry>)} — the list of one configuration level, with the options of
 *             encapsulated spaces (option 43's {@code vendor-encapsulated-options-space}, option 82's
 *             {@code dhcp-agent-options-space}, custom spaces, {@code vendor-<enterprise>} for options 125/17, the
 *             s46 containers...) packed into their encapsulating option in ascending code order, as Kea 2.2
 *             does;</li>
 *         <li>{@code encodeOptionData(space, name, code, data, csvFormat)} — the payload bytes Kea sends for one
 *             entry, for tests and tools;</li>
 *         <li>{@code decode(space, code, payload)} (byte[] or ByteBuf) — an
 *             {@link io.tui.dhcp.core.option.OptionValue}: {@code Typed} (fields and decoded sub-options),
 *             {@code Formatted} (internal types) or {@code Raw} (no definition / does not fit, with the reason);
 *             {@code toKeaText()} gives Kea's {@code data} text back;</li>
 *         <li>{@code vendorOptionPayload(enterprise, subOptions)} — a v4 125 / v6 17 payload built per request.</li>
 *       </ul></li>
 *   <li>{@link io.tui.dhcp.core.option.OptionDefinition} — a definition;
 *       {@code OptionDefinition.fromKea(universe, name, code, space, type, array, recordTypes, encapsulate)}
 *       builds and validates one from an {@code option-def} entry.</li>
 *   <li>{@link io.tui.dhcp.core.option.OptionDataType} — Kea's type names.</li>
 *   <li>{@link io.tui.dhcp.core.option.OptionDataEntry} — an {@code option-data} entry as written (null =
 *       absent).</li>
 *   <li>{@link io.tui.dhcp.core.option.FieldValue} — one decoded field.</li>
 *   <li>{@link io.tui.dhcp.core.option.OptionConfigException} — every configuration error, in Kea's wording where
 *       Kea has one, prefixed with the entry it concerns; {@code entryIndex()} points at the list entry.</li>
 * </ul>
 *
 * <h2>Kea's rules followed (checked against Kea 2.2.0)</h2>
 * <ul>
 *   <li>An entry is looked up by code when it has one (a name must then match the definition found; without a
 *       definition for the code the name is ignored), else by name; {@code space} defaults to
 *       {@code dhcp4}/{@code dhcp6}; {@code csv-format} defaults to true, so an option without a definition needs
 *       {@code csv-format: false}.</li>
 *   <li>CSV data: fields split on commas ({@code \,} is a comma, {@code \\} a backslash, quotes are not special),
 *       blank fields dropped, fields trimmed; integers in decimal or {@code 0x} hex with range checks; booleans
 *       {@code true/false/1/0} in any case; {@code binary} as hex digits (spaces allowed, no colons);
 *       {@code psid} as {@code value/length}; {@code ipv6-prefix} as {@code addr/len}; {@code tuple} with a
 *       1-byte (v4) or 2-byte (v6) length; {@code fqdn} in DNS wire format (master-file escapes understood);
 *       records need a value per field, extra values are ignored unless the record is an array (whose last field
 *       repeats); a scalar takes the first value; empty address lists are allowed.</li>
 *   <li>Hex data: optional {@code 0x}; plain digits (an odd count gets a leading 0) or 1–2 digit groups separated
 *       by colons or spaces; {@code 'text'} in single quotes is taken literally; with a definition, the bytes must
 *       decode by it.</li>
 *   <li>Definitions Kea added after 2.2 ({@code classless-static-route}, {@code v4-dnr}, {@code v6-dnr}, the
 *       sztp redirects, bulk-leasequery v4 options, {@code s46-priority}) are replaceable: a 2.2 configuration that
 *       defines such a code itself keeps working. The DOCSIS tables also answer to {@code docsis3-v4}/
 *       {@code docsis3-v6}, as in Kea.</li>
 * </ul>
 * Tui is stricter than Kea 2.2 where Kea accepts garbage: an IPv6 address in an IPv4 field, integer text with
 * trailing junk ({@code 1a}) and prefix lengths above 128 are refused; an escaped dot inside an fqdn-list label,
 * which Kea 2.2 sends as an empty option, is encoded as RFC 1035 says.
 *
 * <p>Test vectors: {@code src/test/resources/vectors/kea22-*} hold payloads captured from Kea 2.2.0 replies by the
 * scripts in {@code src/test/kea/} (root, private network namespaces).
 */
package io.tui.dhcp.core.option;

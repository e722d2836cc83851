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
 *             {@code spaces()}, {@code encapsulatingOptions(space)} — lookups;</li>
 *         <li>{@code resolve(OptionDataEntry)} — one {@code option-data} entry to a
 *             {@link io.tui.dhcp.core.option.ResolvedOption} (payload bytes, always-send, never-send);</li>
 *         <li>{@code resolveAll(List<OptionDataEntry>)} — one configuration level, with options of encapsulated
 *             spaces (option 43's {@code vendor-encapsulated-options-space}, option 82's
 *             {@code dhcp-agent-options-space}, custom spaces, {@code vendor-<enterprise>} for options 125/17, the
 *             s46 containers...) packed into their encapsulating option, in ascending code order;</li>
 *         <li>{@code encodeOptionData(space, name, code, data, csvFormat)} — the payload bytes Kea sends for one
 *             entry, for tests and tools;</li>
 *         <li>{@code decode(space, code, payload)} — payload to an {@link io.tui.dhcp.core.option.OptionValue}:
 *             {@code Typed} (fields, sub-options) or {@code Raw} (no definition / does not fit), and
 *             {@code toKeaText()} back to Kea's {@code data} text;</li>
 *         <li>{@code vendorOptionPayload(enterprise, subOptions)} — a v4 125 / v6 17 payload built per request.</li>
 *       </ul></li>
 *   <li>{@link io.tui.dhcp.core.option.OptionDefinition} — a definition;
 *       {@code OptionDefinition.fromKea(...)} builds and validates one from an {@code option-def} entry.</li>
 *   <li>{@link io.tui.dhcp.core.option.OptionDataType} — Kea's type names.</li>
 *   <li>{@link io.tui.dhcp.core.option.OptionDataEntry} — an {@code option-data} entry as written (null = absent).</li>
 *   <li>{@link io.tui.dhcp.core.option.FieldValue} — one decoded field.</li>
 *   <li>{@link io.tui.dhcp.core.option.OptionConfigException} — every configuration error, in Kea's wording where
 *       Kea has one, prefixed with the entry it concerns.</li>
 * </ul>
 *
 * <h2>Kea's rules followed</h2>
 * <ul>
 *   <li>An entry is looked up by code when it has one (a name must then match the definition found), else by
 *       name; {@code space} defaults to {@code dhcp4}/{@code dhcp6}; {@code csv-format} defaults to true, so an
 *       option without a definition needs {@code csv-format: false}.</li>
 *   <li>CSV data: fields split on commas ({@code \,} escapes one), blank fields dropped, fields trimmed; integers
 *       in decimal or {@code 0x} hex with range checks; booleans {@code true/false/1/0}; {@code binary} as hex
 *       digits (spaces allowed); {@code psid} as {@code value/length}; {@code ipv6-prefix} as
 *       {@code addr/len}; {@code tuple} with a 1-byte (v4) or 2-byte (v6) length; {@code fqdn} in DNS wire
 *       format; records need a value per field, extra values are ignored unless the record is an array (last
 *       field repeats); a scalar takes the first value.</li>
 *   <li>Hex data: optional {@code 0x}; plain digits (odd count gets a leading 0) or 1–2 digit groups separated by
 *       colons or spaces; {@code 'text'} in single quotes is taken literally; with a definition, the bytes must
 *       decode by it.</li>
 * </ul>
 * Tui is stricter than Kea 2.2 where Kea accepts garbage: an IPv6 address in an IPv4 field, integer text with
 * trailing junk ({@code 1a}) and prefix lengths above 128 are refused.
 */
package io.tui.dhcp.core.option;

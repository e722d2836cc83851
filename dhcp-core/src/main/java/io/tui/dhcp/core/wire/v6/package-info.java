/**
 * The DHCPv6 wire codec (RFC 8415 and the option RFCs it draws on).
 *
 * <h2>Messages</h2>
 * A {@link io.tui.dhcp.core.wire.v6.Dhcp6Message} is either a
 * {@link io.tui.dhcp.core.wire.v6.Dhcp6ClientMessage} (type, 24-bit transaction id, options; every type
 * but the relay ones, including the leasequery, DHCPv4-over-DHCPv6, failover and address-registration
 * types of {@link io.tui.dhcp.core.wire.v6.Dhcp6MessageType}, and unassigned codes) or a
 * {@link io.tui.dhcp.core.wire.v6.Dhcp6RelayMessage} (RELAY-FORW/RELAY-REPL: hop count, link and peer
 * address, options). A relay's {@link io.tui.dhcp.core.wire.v6.RelayMessageOption} holds the next message
 * inwards; {@code innermost()} and {@code relayLayers()} (outermost first, Kea's {@code relay6[0]} first)
 * give the client message and the layers, and {@link io.tui.dhcp.core.wire.v6.Dhcp6Relays#wrapReply}
 * builds the RELAY-REPL chain with each layer's interface-id echoed.
 *
 * <h2>Decoding</h2>
 * {@link io.tui.dhcp.core.wire.v6.Dhcp6Codec#decode(io.netty.buffer.ByteBuf)} copies the datagram once
 * into a byte array (so the pooled buffer can be released at once) and walks the relay chain in a loop,
 * not by recursion, rejecting more than 32 layers. Options are split into
 * {@link io.tui.dhcp.core.wire.v6.RawOption}s that share that array: one small object per option, no
 * per-option copy, no parsing of content nobody asks for. Typed views are parsed on demand by the typed
 * getters of {@link io.tui.dhcp.core.wire.v6.Dhcp6Options} or by
 * {@link io.tui.dhcp.core.wire.v6.Dhcp6OptionViews#decode}; a view parses its nested options too (IA_NA
 * gives typed IAADDRs and status codes), bounded at 16 levels of nesting. Every malformed input, in the
 * message or in a view, ends in {@link io.tui.dhcp.core.wire.ParseException} with a reason and the byte
 * offset in the datagram; all work is bounded by the datagram's length.
 *
 * <h2>Encoding</h2>
 * {@link io.tui.dhcp.core.wire.v6.Dhcp6Codec#encode} appends to a caller-supplied buffer. Options are
 * written in list order, each length back-filled after its payload, so nothing is measured twice and no
 * intermediate buffers are made. Raw options write their bytes as read, so a decoded message re-encodes
 * byte for byte, unknown options included; a typed view re-encodes to the bytes it was parsed from (views
 * reject the few inputs that have no canonical form, such as a status message that is not UTF-8).
 *
 * <h2>Options</h2>
 * The typed records are both views and writers: {@code ClientIdOption}/{@code ServerIdOption}
 * ({@link io.tui.dhcp.core.wire.v6.Duid}: LLT, EN, LL, UUID, unknown types raw), {@code IaNaOption},
 * {@code IaTaOption}, {@code IaPdOption}, {@code IaAddressOption}, {@code IaPrefixOption},
 * {@code PdExcludeOption}, {@code StatusCodeOption}, {@code OptionRequestOption}, {@code PreferenceOption},
 * {@code ElapsedTimeOption}, {@code ServerUnicastOption}, {@code RapidCommitOption}, {@code UserClassOption},
 * {@code VendorClassOption}, {@code VendorOptsOption}, {@code InterfaceIdOption},
 * {@code ReconfigureMessageOption}, {@code ReconfigureAcceptOption}, {@code DnsServersOption},
 * {@code DomainListOption}, {@code InformationRefreshTimeOption}, {@code RemoteIdOption},
 * {@code SubscriberIdOption}, {@code ClientFqdnOption}, {@code NtpServerOption},
 * {@code ClientLinkLayerAddressOption}, {@code SolMaxRtOption} and {@code InfMaxRtOption}. Other codes
 * stay raw; the option definition registry ({@code io.tui.dhcp.core.option}) can give them meaning.
 * Values are allocation-light: {@link io.tui.dhcp.core.wire.v6.Ip6Address} is two longs,
 * {@link io.tui.dhcp.core.wire.v6.Octets} an immutable byte string with value equality.
 */
package io.tui.dhcp.core.wire.v6;

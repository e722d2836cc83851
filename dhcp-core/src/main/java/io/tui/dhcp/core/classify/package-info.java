/**
 * Kea's client classification expression language: {@link io.tui.dhcp.core.classify.ExpressionParser} turns a
 * {@code test} into an immutable {@link io.tui.dhcp.core.classify.Expr} tree, {@link io.tui.dhcp.core.classify.Evaluator}
 * evaluates it over a {@link io.tui.dhcp.core.classify.PacketView} (DHCPv4: {@link io.tui.dhcp.core.classify.Packet4View},
 * DHCPv6: {@link io.tui.dhcp.core.classify.Packet6View}) and {@link io.tui.dhcp.core.classify.Classifier} applies the
 * configured classes in Kea's order.
 */
package io.tui.dhcp.core.classify;

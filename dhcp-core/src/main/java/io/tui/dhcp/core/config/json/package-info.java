/**
 * The syntax layer: Kea's JSON dialect (comments, include directives, positions on every node) as a tree of
 * {@link io.tui.dhcp.core.config.json.JsonValue}s.
 */
package io.tui.dhcp.core.config.json;

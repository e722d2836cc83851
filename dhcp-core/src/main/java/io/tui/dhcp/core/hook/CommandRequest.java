package io.tui.dhcp.core.hook;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A control-channel command.
 *
 * @param command   the command name
 * @param arguments the {@code arguments} member, or null when absent
 * @param origin    who sent it, such as {@code user}, {@code ha-partner} (dhcp-disable's origin) or the transport
 */
public record CommandRequest(String command, JsonNode arguments, String origin) {
}

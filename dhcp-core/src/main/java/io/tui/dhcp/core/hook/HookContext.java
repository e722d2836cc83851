package io.tui.dhcp.core.hook;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a hook gets at load time.
 *
 * @param parameters the {@code parameters} of its {@code hooks-libraries} entry (an empty object when absent)
 * @param commands   where it registers control-channel commands
 * @param callouts   where it registers callouts
 * @param services   the running server's services
 */
public record HookContext(JsonNode parameters, CommandRegistry commands, Callouts callouts, ServerServices services) {
}

package io.tui.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.tui.dhcp.core.hook.CalloutHandle;
import io.tui.dhcp.core.hook.CalloutPoint;
import io.tui.dhcp.core.hook.Callouts;
import io.tui.dhcp.core.hook.CommandHandler;
import io.tui.dhcp.core.hook.CommandRegistry;
import io.tui.dhcp.core.hook.CommandRequest;
import io.tui.dhcp.core.hook.CommandResponse;
import java.util.Iterator;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns one command text into one response, as Kea's command manager does: parses and checks the command's shape,
 * finds its handler in the {@link CommandRegistry}, runs it, calls the {@code command_processed} callouts and
 * renders the answer. Never throws. Thread-safe when the handlers are.
 *
 * <p>Shape rules (Kea's): the command is a JSON map; {@code command} is a string; {@code arguments}, when present,
 * is a JSON value the handler checks (most want a map); {@code service}, when present, is a list of service names
 * (Kea 3.x): an empty list or one naming this server's service ({@code dhcp4}/{@code dhcp6}) is accepted, a list
 * naming only other services is refused with result 1, as a server reached directly cannot forward. Any other
 * top-level member is refused, as Kea does.
 */
public final class CommandDispatcher {
    private final CommandRegistry registry;
    private final Supplier<Callouts> callouts;
    private final String service;
    private final KeaJson json;
    private final Logger log;

    /**
     * @param registry the server's commands (built-ins and hooks)
     * @param callouts where {@code command_processed} callouts are registered (may be null: none)
     * @param service  this server's Kea service name, {@code dhcp4} or {@code dhcp6}
     */
    public CommandDispatcher(CommandRegistry registry, Callouts callouts, String service) {
        this(registry, () -> callouts, service);
    }

    /**
     * As {@link #CommandDispatcher(CommandRegistry, Callouts, String)}, with the callouts looked up per command: a
     * server whose hooks are reloaded (libreload, config-set) gets a new {@link Callouts} each time.
     */
    public CommandDispatcher(CommandRegistry registry, Supplier<Callouts> callouts, String service) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.callouts = Objects.requireNonNull(callouts, "callouts");
        this.service = Objects.requireNonNull(service, "service");
        this.json = new KeaJson();
        this.log = Logger.getLogger("kea-" + service + ".commands");
    }

    /** Kea's command logger of this service ({@code kea-dhcp4.commands}); the transports log there too. */
    public Logger logger() {
        return log;
    }

    public CommandRegistry registry() {
        return registry;
    }

    public KeaJson json() {
        return json;
    }

    /** The Kea service name this dispatcher answers for ({@code dhcp4}/{@code dhcp6}). */
    public String service() {
        return service;
    }

    /** Parses and runs one command text; the response rendered as Kea's one-line JSON object, spaced as Kea's. */
    public String dispatchText(String text, String origin) {
        return json.writeKea(KeaJson.render(dispatch(text, origin)));
    }

    /** Parses and runs one command text. */
    public CommandResponse dispatch(String text, String origin) {
        if (text == null || text.isBlank()) {
            return CommandResponse.error("Error during command processing: empty command");
        }
        JsonNode node;
        try {
            node = json.parse(text);
        } catch (JsonProcessingException e) {
            return CommandResponse.error("invalid JSON: " + KeaJson.reason(e));
        } catch (RuntimeException e) {
            return CommandResponse.error("invalid JSON: " + e.getMessage());
        }
        return dispatch(node, origin);
    }

    /** Runs one parsed command. */
    public CommandResponse dispatch(JsonNode command, String origin) {
        if (command == null || !command.isObject()) {
            return CommandResponse.error(
                    "Error during command processing: Invalid command Element specified, expected map");
        }
        JsonNode name = command.get("command");
        if (name == null) {
            return CommandResponse.error(
                    "Error during command processing: Invalid answer specified, does not contain mandatory 'command'");
        }
        if (!name.isTextual()) {
            return CommandResponse.error(
                    "Error during command processing: 'command' element in command message is not a string");
        }
        for (Iterator<String> it = command.fieldNames(); it.hasNext();) {
            String key = it.next();
            if (!key.equals("command") && !key.equals("arguments") && !key.equals("service")) {
                return CommandResponse.error("Error during command processing: "
                        + "Received command contains unsupported parameter '" + key + "'");
            }
        }
        JsonNode svc = command.get("service");
        if (svc != null) {
            String refusal = checkService(svc);
            if (refusal != null) {
                return CommandResponse.error(refusal);
            }
        }
        String cmd = name.textValue();
        if (log.isLoggable(Level.INFO)) {
            log.info("COMMAND_RECEIVED Received command '" + (cmd.length() > 200 ? cmd.substring(0, 200) + "..." : cmd)
                    + "'");
        }
        JsonNode args = command.get("arguments");
        if (args != null && args.isNull()) {
            args = null;
        }
        CommandRequest request = new CommandRequest(cmd, args, origin);
        CommandResponse response = run(request);
        return processed(request, response);
    }

    private String checkService(JsonNode svc) {
        if (!svc.isArray()) {
            return "Error during command processing: 'service' must be a list";
        }
        if (svc.isEmpty()) {
            return null;
        }
        for (JsonNode s : svc) {
            if (!s.isTextual()) {
                return "Error during command processing: 'service' must be a list of strings";
            }
            if (s.textValue().equals(service)) {
                return null;
            }
        }
        return "Error during command processing: service " + svc + " is not handled by this server ('"
                + service + "')";
    }

    private CommandResponse run(CommandRequest request) {
        Optional<CommandHandler> handler = registry.find(request.command());
        if (handler.isEmpty()) {
            return CommandResponse.unsupported(request.command());
        }
        try {
            CommandResponse r = handler.get().handle(request);
            if (r == null) {
                return CommandResponse.error("Error during command processing: '" + request.command()
                        + "' returned no answer");
            }
            return r;
        } catch (RuntimeException | StackOverflowError e) {
            return CommandResponse.error("Error during command processing: " + describe(e));
        }
    }

    private CommandResponse processed(CommandRequest request, CommandResponse response) {
        Callouts now = callouts.get();
        if (now == null || !now.has(CalloutPoint.COMMAND_PROCESSED)) {
            return response;
        }
        try {
            CalloutHandle h = now.call(CalloutPoint.COMMAND_PROCESSED,
                    () -> new CalloutHandle(CalloutPoint.COMMAND_PROCESSED)
                            .set("name", request.command())
                            .set("arguments", request.arguments())
                            .set("origin", request.origin())
                            .set("response", response));
            if (h != null && h.get("response") instanceof CommandResponse changed) {
                return changed;
            }
        } catch (RuntimeException e) {
            // a broken callout does not change the answer
        }
        return response;
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}

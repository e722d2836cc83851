package io.tui.dhcp.core.config.model;

/**
 * How a reservation recognises its client.
 *
 * @param type Kea's name: {@code hw-address}, {@code duid}, {@code client-id}, {@code circuit-id}, {@code flex-id}
 * @param hex the identifier bytes as lower-case colon-separated hex
 */
public record HostIdentifier(String type, String hex) {}

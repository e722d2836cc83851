package io.tui.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** config-get's redacted secrets sent back with config-set take the running values; anything else is kept. */
class UnredactTest {
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void redactedSecretsTakeTheRunningValuesAndNewOnesStay() throws Exception {
        JsonNode running = mapper.readTree("""
            {"Dhcp4": {"hosts-databases": [{"name": "a", "password": "pw-a"}, {"name": "b", "password": "pw-b"}],
              "control-sockets": [{"authentication": {"clients": [{"user": "u", "password": "s3cret"}]}}]}}""");
        JsonNode given = mapper.readTree("""
            {"Dhcp4": {"hosts-databases": [{"name": "a", "password": "*****"}, {"name": "b", "password": "new"},
                                           {"name": "c", "password": "*****"}],
              "control-sockets": [{"authentication": {"clients": [{"user": "u", "password": "*****"}]}}],
              "secret": "*****"}}""");
        BuiltinCommands.unredact(given, running);
        assertEquals("pw-a", given.at("/Dhcp4/hosts-databases/0/password").asText());
        assertEquals("new", given.at("/Dhcp4/hosts-databases/1/password").asText(), "a changed secret is kept");
        assertEquals("*****", given.at("/Dhcp4/hosts-databases/2/password").asText(), "nothing runs there");
        assertEquals("s3cret", given.at("/Dhcp4/control-sockets/0/authentication/clients/0/password").asText());
        assertEquals("*****", given.at("/Dhcp4/secret").asText(), "no running value: kept as given");
    }
}

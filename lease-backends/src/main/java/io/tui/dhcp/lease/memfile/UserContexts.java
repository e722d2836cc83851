package io.tui.dhcp.lease.memfile;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonFactory;
import io.tui.dhcp.core.wire.ParseException;
import java.io.IOException;

/** Checks that a user_context column holds one JSON object, as Kea requires; the text itself is kept verbatim. */
final class UserContexts {
    private final JsonFactory json = new JsonFactory();

    void check(String text) throws ParseException {
        try (JsonParser p = json.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new ParseException("user_context is not a JSON object");
            }
            p.skipChildren();
            if (p.nextToken() != null) {
                throw new ParseException("user_context has text after the JSON object");
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ParseException("user_context is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ParseException("user_context is not valid JSON: " + e.getMessage());
        }
    }
}

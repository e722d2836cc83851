package io.tui.dhcp.core.option;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import java.util.List;

/** Bad text or bytes end in {@link OptionConfigException} or a raw value, never in an unchecked exception. */
class OptionFuzzTest {
    private static final List<OptionRegistry> REGISTRIES =
            List.of(OptionRegistry.standard(Universe.V4), OptionRegistry.standard(Universe.V6));

    @FuzzTest(maxDuration = "60s")
    void decodeNeverThrows(FuzzedDataProvider data) {
        OptionRegistry reg = REGISTRIES.get(data.consumeInt(0, 1));
        List<String> spaces = List.copyOf(reg.spaces());
        String space = spaces.get(data.consumeInt(0, spaces.size() - 1));
        int code = data.consumeInt(0, reg.universe().maxCode());
        OptionValue v = reg.decode(space, code, data.consumeRemainingAsBytes());
        v.toKeaText();
    }

    @FuzzTest(maxDuration = "60s")
    void encodeNeverThrowsUnchecked(FuzzedDataProvider data) {
        OptionRegistry reg = REGISTRIES.get(data.consumeInt(0, 1));
        List<String> spaces = List.copyOf(reg.spaces());
        String space = spaces.get(data.consumeInt(0, spaces.size() - 1));
        List<OptionDefinition> defs = reg.definitions(space);
        boolean csv = data.consumeBoolean();
        String text = data.consumeRemainingAsString();
        try {
            if (defs.isEmpty()) {
                reg.encodeOptionData(space, null, 1, text, csv);
            } else {
                OptionDefinition d = defs.get(Math.floorMod(text.length(), defs.size()));
                byte[] wire = reg.encodeOptionData(space, d.name(), null, text, csv);
                reg.decode(space, d.code(), wire).toKeaText();
            }
        } catch (OptionConfigException expected) {
            // refused with a reason: fine
        }
    }
}

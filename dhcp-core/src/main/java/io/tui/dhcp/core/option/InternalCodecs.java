package io.tui.dhcp.core.option;

/**
 * Text forms of the options whose definition type is {@code internal}: options whose CSV text does not follow the
 * generic field rules.
 *
 * <p>{@code classless-static-route} (121, RFC 3442) uses Kea 3.x's form
 * {@code 10.229.0.128/25 - 10.229.0.1, 10.27.129.0/24 - 10.229.0.1}. The DNR options ({@code v4-dnr},
 * {@code v6-dnr}) are not supported in CSV form yet: they take {@code csv-format: false} hex data.
 */
final class InternalCodecs {
    private InternalCodecs() {
    }

    static byte[] encodeCsv(OptionDefinition def, String text) throws OptionConfigException {
        if (def.name().equals("classless-static-route") && def.code() == 121) {
            return classlessRoutes(text);
        }
        throw new OptionConfigException("csv-format data is not supported for option '" + def.space() + "."
                + def.name() + "'; give it as hex with csv-format false");
    }

    private static byte[] classlessRoutes(String text) throws OptionConfigException {
        ByteSink out = new ByteSink();
        for (String route : KeaText.splitCsv(text)) {
            int dash = route.indexOf(" - ");
            int slash = route.indexOf('/');
            if (dash < 0 || slash < 0 || slash > dash) {
                throw new OptionConfigException("classless static route '" + route
                        + "' is not of the form 'destination/width - router'");
            }
            byte[] dest = FieldCodec.parseIpv4(route.substring(0, slash).strip());
            long width = FieldCodec.parseInteger(OptionDataType.UINT8, route.substring(slash + 1, dash).strip());
            if (width > 32) {
                throw new OptionConfigException("classless static route '" + route + "' has a width above 32");
            }
            byte[] router = FieldCodec.parseIpv4(route.substring(dash + 3).strip());
            out.put((int) width);
            out.put(dest, 0, (int) ((width + 7) / 8));
            out.put(router);
        }
        if (out.size() == 0) {
            throw new OptionConfigException("no option value specified");
        }
        return out.toArray();
    }
}

package io.tui.dhcp.core.testing;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading perfdhcp's report. */
public final class Perfdhcp {
    private Perfdhcp() {
    }

    /** The sum of perfdhcp's {@code counter: N} lines (one per exchange type), such as {@code drops}. */
    public static int sum(String counter, String report) {
        Matcher m = Pattern.compile(Pattern.quote(counter) + ": (\\d+)").matcher(report);
        int n = 0;
        while (m.find()) {
            n += Integer.parseInt(m.group(1));
        }
        return n;
    }
}

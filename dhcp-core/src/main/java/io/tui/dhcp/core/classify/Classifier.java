package io.tui.dhcp.core.classify;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Assigns a packet its client classes in Kea's order. Immutable; build one per configuration.
 *
 * <ol>
 *   <li>{@link #classifyEarly}: {@code ALL}, then {@code VENDOR_CLASS_<data>} (v4 option 60, v6 the first data
 *       tuple of option 16), then every class with a test, in configuration order, except those evaluated later.
 *       {@code member()} sees the classes matched so far.</li>
 *   <li>{@link #classifyAfterHostLookup}: the caller adds {@code KNOWN} or {@code UNKNOWN} from its host lookup; then
 *       the classes whose test depends on {@code KNOWN}/{@code UNKNOWN} (directly or through {@code member()} of a
 *       class that does) are evaluated, in configuration order.</li>
 *   <li>{@link #classifyAdditional}: classes flagged {@code only-in-additional-list} (formerly
 *       {@code only-if-required}) are never evaluated above; the caller passes the names the subnet, pool, shared
 *       network or host ask for and each is evaluated in that order (one without a test is simply added).</li>
 * </ol>
 * Classes without a test that are not additional are never matched here (host reservations and hooks add them).
 */
public final class Classifier {
    /**
     * One configured class.
     *
     * @param test the parsed test, or null when the class has none
     * @param additional {@code only-in-additional-list} / {@code only-if-required}
     */
    public record ClassDef(String name, Expr test, boolean additional) {
        public ClassDef {
            Objects.requireNonNull(name, "name");
        }
    }

    private final List<ClassDef> early;
    private final List<ClassDef> late;
    private final Map<String, ClassDef> byName;

    public Classifier(List<ClassDef> classes) {
        Set<String> lateNames = new java.util.HashSet<>();
        List<ClassDef> e = new ArrayList<>();
        List<ClassDef> l = new ArrayList<>();
        Map<String, ClassDef> names = new HashMap<>();
        for (ClassDef c : classes) {
            names.putIfAbsent(c.name(), c);
            if (c.test() == null || c.additional()) {
                continue;
            }
            if (dependsOn(c.test(), lateNames)) {
                lateNames.add(c.name());
                l.add(c);
            } else {
                e.add(c);
            }
        }
        this.early = List.copyOf(e);
        this.late = List.copyOf(l);
        this.byName = Map.copyOf(names);
    }

    /** Whether a test refers to KNOWN, UNKNOWN or one of {@code lateClasses} through member(). */
    static boolean dependsOn(Expr e, Set<String> lateClasses) {
        return switch (e) {
            case Expr.Member m -> m.className().equals("KNOWN") || m.className().equals("UNKNOWN")
                    || lateClasses.contains(m.className());
            case Expr.Equal q -> dependsOn(q.left(), lateClasses) || dependsOn(q.right(), lateClasses);
            case Expr.And a -> dependsOn(a.left(), lateClasses) || dependsOn(a.right(), lateClasses);
            case Expr.Or o -> dependsOn(o.left(), lateClasses) || dependsOn(o.right(), lateClasses);
            case Expr.Not n -> dependsOn(n.operand(), lateClasses);
            case Expr.IfElse i -> dependsOn(i.condition(), lateClasses) || dependsOn(i.then(), lateClasses)
                    || dependsOn(i.otherwise(), lateClasses);
            case Expr.Concat c -> dependsOn(c.left(), lateClasses) || dependsOn(c.right(), lateClasses);
            case Expr.Substring s -> dependsOn(s.string(), lateClasses) || dependsOn(s.start(), lateClasses)
                    || dependsOn(s.length(), lateClasses);
            case Expr.Split s -> dependsOn(s.string(), lateClasses) || dependsOn(s.separators(), lateClasses)
                    || dependsOn(s.field(), lateClasses);
            case Expr.HexString h -> dependsOn(h.binary(), lateClasses) || dependsOn(h.separator(), lateClasses);
            case Expr.Call c -> dependsOn(c.argument(), lateClasses);
            default -> false;
        };
    }

    /** The built-in {@code VENDOR_CLASS_...} class of the packet, or null when it carries no vendor class. */
    public static String vendorClass(PacketView p) {
        byte[] data;
        if (p.v6()) {
            byte[] o = p.option(16);
            if (o == null || o.length < 6) {
                return null;
            }
            int len = (o[4] & 0xff) << 8 | o[5] & 0xff;
            if (6 + len > o.length) {
                return null;
            }
            data = java.util.Arrays.copyOfRange(o, 6, 6 + len);
        } else {
            data = p.option(60);
        }
        return data == null || data.length == 0 ? null : "VENDOR_CLASS_" + new String(data, StandardCharsets.ISO_8859_1);
    }

    /** The classes known before the host lookup: ALL, VENDOR_CLASS_*, then the early tests. A fresh mutable set. */
    public Set<String> classifyEarly(PacketView p) {
        Set<String> classes = new LinkedHashSet<>();
        classes.add("ALL");
        String vendor = vendorClass(p);
        if (vendor != null) {
            classes.add(vendor);
        }
        evaluate(early, p, classes);
        return classes;
    }

    /** Adds KNOWN or UNKNOWN, then evaluates the classes that depend on them. */
    public void classifyAfterHostLookup(PacketView p, boolean known, Set<String> classes) {
        classes.add(known ? "KNOWN" : "UNKNOWN");
        evaluate(late, p, classes);
    }

    /** Evaluates the requested additional classes in the given order; names not configured are ignored. */
    public void classifyAdditional(PacketView p, Collection<String> requested, Set<String> classes) {
        for (String name : requested) {
            ClassDef c = byName.get(name);
            if (c == null || classes.contains(name)) {
                continue;
            }
            if (c.test() == null || Evaluator.test(c.test(), p, classes::contains)) {
                classes.add(name);
            }
        }
    }

    private static void evaluate(List<ClassDef> defs, PacketView p, Set<String> classes) {
        java.util.function.Predicate<String> member = classes::contains;
        for (ClassDef c : defs) {
            if (!classes.contains(c.name()) && Evaluator.test(c.test(), p, member)) {
                classes.add(c.name());
            }
        }
    }
}

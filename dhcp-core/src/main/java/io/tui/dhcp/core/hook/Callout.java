package io.tui.dhcp.core.hook;

/**
 * A callout. The {@link CalloutHandle} carries the point's arguments (Kea's argument names) and the status the
 * callout sets ({@code CONTINUE}, {@code SKIP}, {@code DROP}). Must not throw; a throwing callout is logged and
 * treated as {@code CONTINUE}.
 */
@FunctionalInterface
public interface Callout {
    void call(CalloutHandle handle);
}

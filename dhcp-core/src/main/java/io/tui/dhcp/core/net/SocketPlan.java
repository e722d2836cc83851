package io.tui.dhcp.core.net;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * What a reload does to the per-interface sockets, worked out once for both servers: given the interfaces the new
 * configuration wants (in order), the sockets {@code prepare} opened for it and the sockets running now, the
 * interfaces' next sockets, and the running ones that are replaced or dropped (to be closed).
 *
 * <p>A wanted interface with a fresh socket takes it, and its running socket (if any) is replaced; a wanted interface
 * without a fresh socket keeps its running one, updated by {@code keep} (a new address, say); a running interface the
 * configuration no longer wants is dropped. Fresh sockets of interfaces that are not wanted are left to the caller.
 *
 * @param <K> the interface key (its name)
 * @param <S> one interface's sockets
 * @param next     the interfaces' sockets after the reload, in the wanted order
 * @param replaced running sockets of wanted interfaces that fresh ones replace, by interface
 * @param dropped  running sockets of interfaces no longer wanted, by interface
 */
public record SocketPlan<K, S>(Map<K, S> next, Map<K, S> replaced, Map<K, S> dropped) {
    /**
     * @param wanted  the new configuration's interfaces, in order
     * @param key     an interface's key
     * @param fresh   the sockets prepared for the new configuration
     * @param running the sockets working now
     * @param keep    a kept interface's running sockets, updated for the new configuration
     */
    public static <W, K, S> SocketPlan<K, S> of(List<W> wanted, Function<W, K> key, Map<K, S> fresh,
            Map<K, S> running, BiFunction<W, S, S> keep) {
        Map<K, S> next = new LinkedHashMap<>();
        Map<K, S> replaced = new LinkedHashMap<>();
        for (W w : wanted) {
            K k = key.apply(w);
            S f = fresh.get(k);
            S r = running.get(k);
            if (f != null) {
                next.put(k, f);
                if (r != null) {
                    replaced.put(k, r);
                }
            } else if (r != null) {
                next.put(k, keep.apply(w, r));
            }
        }
        Map<K, S> dropped = new LinkedHashMap<>();
        for (Map.Entry<K, S> r : running.entrySet()) {
            if (!next.containsKey(r.getKey())) {
                dropped.put(r.getKey(), r.getValue());
            }
        }
        return new SocketPlan<>(next, replaced, dropped);
    }

    /** The keys of the replaced and the dropped interfaces: the ones whose running sockets close. */
    public List<K> closingKeys() {
        List<K> keys = new ArrayList<>(replaced.keySet());
        keys.addAll(dropped.keySet());
        return keys;
    }

    /** The replaced and the dropped sockets: the running ones that close. */
    public List<S> closing() {
        List<S> all = new ArrayList<>(replaced.values());
        all.addAll(dropped.values());
        return all;
    }
}

package io.tui.dhcp.core.config.json;

/** Where a token starts: the file as named by the operator (or an include directive), 1-based line and column. */
public record Position(String file, int line, int column) {
    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}

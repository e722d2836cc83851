/**
 * The wire layer: every parameter Kea knows in each scope, its JSON shape, and whether Tui implements it, plus the
 * validator that rejects unknown parameters and wrong shapes with their position.
 */
package io.tui.dhcp.core.config.schema;

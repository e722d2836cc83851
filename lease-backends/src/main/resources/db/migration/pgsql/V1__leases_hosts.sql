-- Tui's PostgreSQL schema: Kea 2.2's lease and host tables (schema 13.0), column for column, plus pool_id
-- (Kea 2.4+) and lease6.binaddr (address order for paging). Differences are listed in the README.

CREATE TABLE schema_version (
    version integer NOT NULL PRIMARY KEY,
    minor integer
);
INSERT INTO schema_version VALUES (13, 0);

CREATE TABLE lease_state (
    state bigint NOT NULL PRIMARY KEY,
    name varchar(64) NOT NULL
);
INSERT INTO lease_state VALUES (0, 'default'), (1, 'declined'), (2, 'expired-reclaimed'), (3, 'released'),
    (4, 'registered');

CREATE TABLE lease6_types (
    lease_type smallint NOT NULL PRIMARY KEY,
    name varchar(5)
);
INSERT INTO lease6_types VALUES (0, 'IA_NA'), (1, 'IA_TA'), (2, 'IA_PD');

CREATE TABLE lease_hwaddr_source (
    hwaddr_source integer NOT NULL PRIMARY KEY,
    name varchar(40)
);
INSERT INTO lease_hwaddr_source VALUES (1, 'HWADDR_SOURCE_RAW'), (2, 'HWADDR_SOURCE_IPV6_LINK_LOCAL'),
    (4, 'HWADDR_SOURCE_DUID'), (8, 'HWADDR_SOURCE_CLIENT_ADDR_RELAY_OPTION'),
    (16, 'HWADDR_SOURCE_REMOTE_ID'), (32, 'HWADDR_SOURCE_SUBSCRIBER_ID'), (64, 'HWADDR_SOURCE_DOCSIS_CMTS'),
    (128, 'HWADDR_SOURCE_DOCSIS_MODEM');

CREATE TABLE lease4 (
    address bigint NOT NULL PRIMARY KEY,
    hwaddr bytea,
    client_id bytea,
    valid_lifetime bigint,
    expire timestamp with time zone,
    subnet_id bigint,
    fqdn_fwd boolean,
    fqdn_rev boolean,
    hostname varchar(255),
    state bigint DEFAULT 0 REFERENCES lease_state (state),
    user_context text,
    pool_id bigint NOT NULL DEFAULT 0
);
CREATE INDEX lease4_by_hwaddr_subnet_id ON lease4 (hwaddr, subnet_id);
CREATE INDEX lease4_by_client_id_subnet_id ON lease4 (client_id, subnet_id);
CREATE INDEX lease4_by_subnet_id ON lease4 (subnet_id);
CREATE INDEX lease4_by_hostname ON lease4 (lower(hostname)) WHERE hostname IS NOT NULL;
CREATE INDEX lease4_by_state_expire ON lease4 (state, expire);

CREATE TABLE lease6 (
    address varchar(39) NOT NULL PRIMARY KEY,
    duid bytea,
    valid_lifetime bigint,
    expire timestamp with time zone,
    subnet_id bigint,
    pref_lifetime bigint,
    lease_type smallint REFERENCES lease6_types (lease_type),
    iaid integer,
    prefix_len smallint,
    fqdn_fwd boolean,
    fqdn_rev boolean,
    hostname varchar(255),
    state bigint DEFAULT 0 REFERENCES lease_state (state),
    hwaddr bytea,
    hwtype smallint,
    hwaddr_source smallint,
    user_context text,
    pool_id bigint NOT NULL DEFAULT 0,
    binaddr bytea NOT NULL
);
CREATE UNIQUE INDEX lease6_by_binaddr ON lease6 (binaddr);
CREATE INDEX lease6_by_duid_iaid_subnet_id ON lease6 (duid, iaid, subnet_id);
CREATE INDEX lease6_by_subnet_id_lease_type ON lease6 (subnet_id, lease_type);
CREATE INDEX lease6_by_hostname ON lease6 (lower(hostname)) WHERE hostname IS NOT NULL;
CREATE INDEX lease6_by_state_expire ON lease6 (state, expire);
CREATE INDEX lease6_by_hwaddr ON lease6 (hwaddr);

-- Per-subnet, per-state lease counts, kept by the triggers below in the same transaction as the lease change.
-- Each connection adds to its own shard (backend pid mod 16), so concurrent lease changes in one subnet do not
-- queue on one counter row until commit; Kea's lease4_stat/lease6_stat are views summing the shards.
CREATE TABLE lease4_stat_shard (
    subnet_id bigint NOT NULL,
    state bigint NOT NULL,
    shard smallint NOT NULL,
    leases bigint NOT NULL,
    PRIMARY KEY (subnet_id, state, shard)
);
CREATE TABLE lease6_stat_shard (
    subnet_id bigint NOT NULL,
    lease_type smallint NOT NULL,
    state bigint NOT NULL,
    shard smallint NOT NULL,
    leases bigint NOT NULL,
    PRIMARY KEY (subnet_id, lease_type, state, shard)
);
CREATE VIEW lease4_stat AS
    SELECT subnet_id, state, CAST(SUM(leases) AS bigint) AS leases FROM lease4_stat_shard GROUP BY subnet_id, state;
CREATE VIEW lease6_stat AS
    SELECT subnet_id, lease_type, state, CAST(SUM(leases) AS bigint) AS leases FROM lease6_stat_shard
    GROUP BY subnet_id, lease_type, state;

-- One counter change in this connection's shard (shards may go negative: a lease counted in one shard can be
-- removed through another; only the sum means anything).
CREATE FUNCTION tui_lease4_stat_add(sid bigint, st bigint, delta bigint) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO lease4_stat_shard AS s VALUES (sid, st, pg_backend_pid() % 16, delta)
        ON CONFLICT (subnet_id, state, shard) DO UPDATE SET leases = s.leases + delta;
END;
$$;
CREATE FUNCTION tui_lease6_stat_add(sid bigint, lt smallint, st bigint, delta bigint) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO lease6_stat_shard AS s VALUES (sid, lt, st, pg_backend_pid() % 16, delta)
        ON CONFLICT (subnet_id, lease_type, state, shard) DO UPDATE SET leases = s.leases + delta;
END;
$$;

-- Counter rows are always changed in (subnet, type, state) order, so two updates moving leases in opposite
-- directions cannot deadlock on them.
CREATE FUNCTION func_lease4_stat() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM tui_lease4_stat_add(NEW.subnet_id, NEW.state, 1);
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM tui_lease4_stat_add(OLD.subnet_id, OLD.state, -1);
    ELSIF OLD.subnet_id IS DISTINCT FROM NEW.subnet_id OR OLD.state IS DISTINCT FROM NEW.state THEN
        IF (OLD.subnet_id, OLD.state) < (NEW.subnet_id, NEW.state) THEN
            PERFORM tui_lease4_stat_add(OLD.subnet_id, OLD.state, -1);
            PERFORM tui_lease4_stat_add(NEW.subnet_id, NEW.state, 1);
        ELSE
            PERFORM tui_lease4_stat_add(NEW.subnet_id, NEW.state, 1);
            PERFORM tui_lease4_stat_add(OLD.subnet_id, OLD.state, -1);
        END IF;
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER lease4_stat_trigger AFTER INSERT OR UPDATE OR DELETE ON lease4
    FOR EACH ROW EXECUTE FUNCTION func_lease4_stat();

CREATE FUNCTION func_lease6_stat() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM tui_lease6_stat_add(NEW.subnet_id, NEW.lease_type, NEW.state, 1);
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM tui_lease6_stat_add(OLD.subnet_id, OLD.lease_type, OLD.state, -1);
    ELSIF OLD.subnet_id IS DISTINCT FROM NEW.subnet_id OR OLD.state IS DISTINCT FROM NEW.state
            OR OLD.lease_type IS DISTINCT FROM NEW.lease_type THEN
        IF (OLD.subnet_id, OLD.lease_type, OLD.state) < (NEW.subnet_id, NEW.lease_type, NEW.state) THEN
            PERFORM tui_lease6_stat_add(OLD.subnet_id, OLD.lease_type, OLD.state, -1);
            PERFORM tui_lease6_stat_add(NEW.subnet_id, NEW.lease_type, NEW.state, 1);
        ELSE
            PERFORM tui_lease6_stat_add(NEW.subnet_id, NEW.lease_type, NEW.state, 1);
            PERFORM tui_lease6_stat_add(OLD.subnet_id, OLD.lease_type, OLD.state, -1);
        END IF;
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER lease6_stat_trigger AFTER INSERT OR UPDATE OR DELETE ON lease6
    FOR EACH ROW EXECUTE FUNCTION func_lease6_stat();

-- Host reservations.
CREATE TABLE host_identifier_type (
    type smallint NOT NULL PRIMARY KEY,
    name varchar(32)
);
INSERT INTO host_identifier_type VALUES (0, 'hw-address'), (1, 'duid'), (2, 'circuit-id'), (3, 'client-id'),
    (4, 'flex-id');

CREATE TABLE dhcp_option_scope (
    scope_id smallint NOT NULL PRIMARY KEY,
    scope_name varchar(32)
);
INSERT INTO dhcp_option_scope VALUES (0, 'global'), (1, 'subnet'), (2, 'client-class'), (3, 'host'),
    (4, 'shared-network'), (5, 'pool'), (6, 'pd-pool');

CREATE TABLE hosts (
    host_id serial PRIMARY KEY,
    dhcp_identifier bytea NOT NULL,
    dhcp_identifier_type smallint NOT NULL REFERENCES host_identifier_type (type) ON DELETE CASCADE,
    dhcp4_subnet_id bigint,
    dhcp6_subnet_id bigint,
    ipv4_address bigint,
    hostname varchar(255),
    dhcp4_client_classes varchar(255),
    dhcp6_client_classes varchar(255),
    dhcp4_next_server bigint,
    dhcp4_server_hostname varchar(64),
    dhcp4_boot_file_name varchar(128),
    user_context text,
    auth_key varchar(32)
);
CREATE UNIQUE INDEX key_dhcp4_identifier_subnet_id ON hosts (dhcp_identifier, dhcp_identifier_type, dhcp4_subnet_id)
    WHERE dhcp4_subnet_id IS NOT NULL;
CREATE UNIQUE INDEX key_dhcp6_identifier_subnet_id ON hosts (dhcp_identifier, dhcp_identifier_type, dhcp6_subnet_id)
    WHERE dhcp6_subnet_id IS NOT NULL;
CREATE INDEX key_dhcp_identifier ON hosts (dhcp_identifier, dhcp_identifier_type);
CREATE INDEX key_dhcp4_ipv4_address_subnet_id ON hosts (ipv4_address, dhcp4_subnet_id);
CREATE INDEX hosts_by_hostname ON hosts (lower(hostname)) WHERE hostname IS NOT NULL;
CREATE INDEX fk_host_identifier_type ON hosts (dhcp_identifier_type);

CREATE TABLE ipv6_reservations (
    reservation_id serial PRIMARY KEY,
    address varchar(39) NOT NULL,
    prefix_len smallint NOT NULL DEFAULT 128,
    type smallint NOT NULL DEFAULT 0,
    dhcp6_iaid integer,
    host_id integer NOT NULL REFERENCES hosts (host_id) ON DELETE CASCADE
);
CREATE INDEX fk_ipv6_reservations_host_idx ON ipv6_reservations (host_id);
CREATE INDEX key_dhcp6_address_prefix_len ON ipv6_reservations (address, prefix_len);

CREATE TABLE dhcp4_options (
    option_id serial PRIMARY KEY,
    code smallint NOT NULL,
    value bytea,
    formatted_value text,
    space varchar(128),
    persistent boolean NOT NULL DEFAULT false,
    dhcp_client_class varchar(128),
    dhcp4_subnet_id bigint,
    host_id integer REFERENCES hosts (host_id) ON DELETE CASCADE,
    scope_id smallint NOT NULL REFERENCES dhcp_option_scope (scope_id) ON DELETE CASCADE,
    user_context text,
    shared_network_name varchar(128),
    pool_id bigint,
    modification_ts timestamp with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX fk_dhcp4_options_host1_idx ON dhcp4_options (host_id);
CREATE INDEX fk_dhcp4_options_subnet ON dhcp4_options (dhcp4_subnet_id);

CREATE TABLE dhcp6_options (
    option_id serial PRIMARY KEY,
    code integer NOT NULL,
    value bytea,
    formatted_value text,
    space varchar(128),
    persistent boolean NOT NULL DEFAULT false,
    dhcp_client_class varchar(128),
    dhcp6_subnet_id bigint,
    host_id integer REFERENCES hosts (host_id) ON DELETE CASCADE,
    scope_id smallint NOT NULL REFERENCES dhcp_option_scope (scope_id) ON DELETE CASCADE,
    user_context text,
    shared_network_name varchar(128),
    pool_id bigint,
    pd_pool_id bigint,
    modification_ts timestamp with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX fk_dhcp6_options_host1_idx ON dhcp6_options (host_id);
CREATE INDEX fk_dhcp6_options_subnet ON dhcp6_options (dhcp6_subnet_id);

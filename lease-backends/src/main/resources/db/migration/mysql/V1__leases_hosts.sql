-- Tui's MySQL/MariaDB schema: Kea 2.2's lease and host tables (schema 14.0), column for column, plus pool_id
-- (Kea 2.4+), lease6.binaddr (Kea 2.4+: address order for paging) and hostname_lc (an indexed lower-case copy
-- for case-insensitive lookups). Text is utf8mb4 with binary collation so every string round-trips exactly.
-- Differences are listed in the README.

CREATE TABLE schema_version (
    version INT NOT NULL PRIMARY KEY,
    minor INT
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
INSERT INTO schema_version VALUES (14, 0);

CREATE TABLE lease_state (
    state INT UNSIGNED NOT NULL PRIMARY KEY,
    name VARCHAR(64) NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
INSERT INTO lease_state VALUES (0, 'default'), (1, 'declined'), (2, 'expired-reclaimed'), (3, 'released'),
    (4, 'registered');

CREATE TABLE lease6_types (
    lease_type TINYINT NOT NULL PRIMARY KEY,
    name VARCHAR(5)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
INSERT INTO lease6_types VALUES (0, 'IA_NA'), (1, 'IA_TA'), (2, 'IA_PD');

CREATE TABLE lease_hwaddr_source (
    hwaddr_source INT NOT NULL PRIMARY KEY,
    name VARCHAR(40)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
INSERT INTO lease_hwaddr_source VALUES (1, 'HWADDR_SOURCE_RAW'), (2, 'HWADDR_SOURCE_IPV6_LINK_LOCAL'),
    (4, 'HWADDR_SOURCE_DUID'), (8, 'HWADDR_SOURCE_CLIENT_ADDR_RELAY_OPTION'),
    (16, 'HWADDR_SOURCE_REMOTE_ID'), (32, 'HWADDR_SOURCE_SUBSCRIBER_ID'), (64, 'HWADDR_SOURCE_DOCSIS_CMTS'),
    (128, 'HWADDR_SOURCE_DOCSIS_MODEM');

CREATE TABLE lease4 (
    address INT UNSIGNED NOT NULL PRIMARY KEY,
    hwaddr VARBINARY(20),
    client_id VARBINARY(255),
    valid_lifetime INT UNSIGNED,
    expire TIMESTAMP NULL DEFAULT NULL,
    subnet_id INT UNSIGNED,
    fqdn_fwd BOOL,
    fqdn_rev BOOL,
    hostname VARCHAR(255),
    state INT UNSIGNED DEFAULT 0,
    user_context TEXT,
    pool_id INT UNSIGNED NOT NULL DEFAULT 0,
    hostname_lc VARCHAR(255) AS (LOWER(hostname)) VIRTUAL,
    KEY lease4_by_hwaddr_subnet_id (hwaddr, subnet_id),
    KEY lease4_by_client_id_subnet_id (client_id, subnet_id),
    KEY lease4_by_subnet_id (subnet_id),
    KEY lease4_by_hostname (hostname_lc),
    KEY lease4_by_state_expire (state, expire),
    CONSTRAINT fk_lease4_state FOREIGN KEY (state) REFERENCES lease_state (state)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE lease6 (
    address VARCHAR(39) NOT NULL PRIMARY KEY,
    duid VARBINARY(130),
    valid_lifetime INT UNSIGNED,
    expire TIMESTAMP NULL DEFAULT NULL,
    subnet_id INT UNSIGNED,
    pref_lifetime INT UNSIGNED,
    lease_type TINYINT,
    iaid INT UNSIGNED,
    prefix_len TINYINT UNSIGNED,
    fqdn_fwd BOOL,
    fqdn_rev BOOL,
    hostname VARCHAR(255),
    hwaddr VARBINARY(20),
    hwtype SMALLINT UNSIGNED,
    hwaddr_source INT UNSIGNED,
    state INT UNSIGNED DEFAULT 0,
    user_context TEXT,
    pool_id INT UNSIGNED NOT NULL DEFAULT 0,
    binaddr VARBINARY(16) NOT NULL,
    hostname_lc VARCHAR(255) AS (LOWER(hostname)) VIRTUAL,
    UNIQUE KEY lease6_by_binaddr (binaddr),
    KEY lease6_by_duid_iaid_subnet_id (duid, iaid, subnet_id),
    KEY lease6_by_subnet_id_lease_type (subnet_id, lease_type),
    KEY lease6_by_hostname (hostname_lc),
    KEY lease6_by_state_expire (state, expire),
    KEY lease6_by_hwaddr (hwaddr),
    CONSTRAINT fk_lease6_state FOREIGN KEY (state) REFERENCES lease_state (state),
    CONSTRAINT fk_lease6_type FOREIGN KEY (lease_type) REFERENCES lease6_types (lease_type)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Per-subnet, per-state lease counts kept by the triggers below in the same transaction as the lease change.
-- Each connection adds to its own shard (connection id mod 16), so concurrent lease changes in one subnet do not
-- queue on one counter row until commit; Kea's lease4_stat/lease6_stat are views summing the shards. Shards may
-- go negative (a lease counted through one connection can be removed through another); only the sum counts.
CREATE TABLE lease4_stat_shard (
    subnet_id INT UNSIGNED NOT NULL,
    state INT UNSIGNED NOT NULL,
    shard SMALLINT UNSIGNED NOT NULL,
    leases BIGINT NOT NULL,
    PRIMARY KEY (subnet_id, state, shard)
) ENGINE = InnoDB;

CREATE TABLE lease6_stat_shard (
    subnet_id INT UNSIGNED NOT NULL,
    lease_type INT UNSIGNED NOT NULL,
    state INT UNSIGNED NOT NULL,
    shard SMALLINT UNSIGNED NOT NULL,
    leases BIGINT NOT NULL,
    PRIMARY KEY (subnet_id, lease_type, state, shard)
) ENGINE = InnoDB;

CREATE VIEW lease4_stat AS
    SELECT subnet_id, state, CAST(SUM(leases) AS SIGNED) AS leases FROM lease4_stat_shard GROUP BY subnet_id, state;
CREATE VIEW lease6_stat AS
    SELECT subnet_id, lease_type, state, CAST(SUM(leases) AS SIGNED) AS leases FROM lease6_stat_shard
    GROUP BY subnet_id, lease_type, state;

DELIMITER $$
CREATE PROCEDURE tui_lease4_stat_add(IN sid INT UNSIGNED, IN st INT UNSIGNED, IN delta BIGINT)
BEGIN
    INSERT INTO lease4_stat_shard VALUES (sid, st, CONNECTION_ID() % 16, delta)
        ON DUPLICATE KEY UPDATE leases = leases + delta;
END $$

CREATE PROCEDURE tui_lease6_stat_add(IN sid INT UNSIGNED, IN lt INT UNSIGNED, IN st INT UNSIGNED,
        IN delta BIGINT)
BEGIN
    INSERT INTO lease6_stat_shard VALUES (sid, lt, st, CONNECTION_ID() % 16, delta)
        ON DUPLICATE KEY UPDATE leases = leases + delta;
END $$

CREATE TRIGGER lease4_AINS AFTER INSERT ON lease4 FOR EACH ROW
BEGIN
    CALL tui_lease4_stat_add(NEW.subnet_id, NEW.state, 1);
END $$

CREATE TRIGGER lease4_ADEL AFTER DELETE ON lease4 FOR EACH ROW
BEGIN
    CALL tui_lease4_stat_add(OLD.subnet_id, OLD.state, -1);
END $$

-- Counter rows are changed in (subnet, state) order so opposite moves cannot deadlock.
CREATE TRIGGER lease4_AUPD AFTER UPDATE ON lease4 FOR EACH ROW
BEGIN
    IF NOT (OLD.subnet_id <=> NEW.subnet_id) OR NOT (OLD.state <=> NEW.state) THEN
        IF (OLD.subnet_id, OLD.state) < (NEW.subnet_id, NEW.state) THEN
            CALL tui_lease4_stat_add(OLD.subnet_id, OLD.state, -1);
            CALL tui_lease4_stat_add(NEW.subnet_id, NEW.state, 1);
        ELSE
            CALL tui_lease4_stat_add(NEW.subnet_id, NEW.state, 1);
            CALL tui_lease4_stat_add(OLD.subnet_id, OLD.state, -1);
        END IF;
    END IF;
END $$

CREATE TRIGGER lease6_AINS AFTER INSERT ON lease6 FOR EACH ROW
BEGIN
    CALL tui_lease6_stat_add(NEW.subnet_id, NEW.lease_type, NEW.state, 1);
END $$

CREATE TRIGGER lease6_ADEL AFTER DELETE ON lease6 FOR EACH ROW
BEGIN
    CALL tui_lease6_stat_add(OLD.subnet_id, OLD.lease_type, OLD.state, -1);
END $$

CREATE TRIGGER lease6_AUPD AFTER UPDATE ON lease6 FOR EACH ROW
BEGIN
    IF NOT (OLD.subnet_id <=> NEW.subnet_id) OR NOT (OLD.state <=> NEW.state)
            OR NOT (OLD.lease_type <=> NEW.lease_type) THEN
        IF (OLD.subnet_id, OLD.lease_type, OLD.state) < (NEW.subnet_id, NEW.lease_type, NEW.state) THEN
            CALL tui_lease6_stat_add(OLD.subnet_id, OLD.lease_type, OLD.state, -1);
            CALL tui_lease6_stat_add(NEW.subnet_id, NEW.lease_type, NEW.state, 1);
        ELSE
            CALL tui_lease6_stat_add(NEW.subnet_id, NEW.lease_type, NEW.state, 1);
            CALL tui_lease6_stat_add(OLD.subnet_id, OLD.lease_type, OLD.state, -1);
        END IF;
    END IF;
END $$
DELIMITER ;

CREATE TABLE host_identifier_type (
    type TINYINT NOT NULL PRIMARY KEY,
    name VARCHAR(32)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
INSERT INTO host_identifier_type VALUES (0, 'hw-address'), (1, 'duid'), (2, 'circuit-id'), (3, 'client-id'),
    (4, 'flex-id');

CREATE TABLE dhcp_option_scope (
    scope_id TINYINT UNSIGNED NOT NULL PRIMARY KEY,
    scope_name VARCHAR(32)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
INSERT INTO dhcp_option_scope VALUES (0, 'global'), (1, 'subnet'), (2, 'client-class'), (3, 'host'),
    (4, 'shared-network'), (5, 'pool'), (6, 'pd-pool');

CREATE TABLE hosts (
    host_id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    dhcp_identifier VARBINARY(128) NOT NULL,
    dhcp_identifier_type TINYINT NOT NULL,
    dhcp4_subnet_id INT UNSIGNED,
    dhcp6_subnet_id INT UNSIGNED,
    ipv4_address INT UNSIGNED,
    hostname VARCHAR(255),
    dhcp4_client_classes VARCHAR(255),
    dhcp6_client_classes VARCHAR(255),
    dhcp4_next_server INT UNSIGNED,
    dhcp4_server_hostname VARCHAR(64),
    dhcp4_boot_file_name VARCHAR(128),
    user_context TEXT,
    auth_key VARCHAR(32),
    hostname_lc VARCHAR(255) AS (LOWER(hostname)) VIRTUAL,
    UNIQUE KEY key_dhcp4_identifier_subnet_id (dhcp_identifier, dhcp_identifier_type, dhcp4_subnet_id),
    UNIQUE KEY key_dhcp6_identifier_subnet_id (dhcp_identifier, dhcp_identifier_type, dhcp6_subnet_id),
    KEY hosts_by_hostname (hostname_lc),
    KEY key_dhcp4_ipv4_address_subnet_id_identifier (ipv4_address, dhcp4_subnet_id),
    CONSTRAINT fk_host_identifier_type FOREIGN KEY (dhcp_identifier_type) REFERENCES host_identifier_type (type)
        ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE ipv6_reservations (
    reservation_id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    address VARCHAR(39) NOT NULL,
    prefix_len TINYINT UNSIGNED NOT NULL DEFAULT 128,
    type TINYINT UNSIGNED NOT NULL DEFAULT 0,
    dhcp6_iaid INT UNSIGNED,
    host_id INT UNSIGNED NOT NULL,
    KEY fk_ipv6_reservations_host_idx (host_id),
    KEY key_dhcp6_address_prefix_len (address, prefix_len),
    CONSTRAINT fk_ipv6_reservations_host FOREIGN KEY (host_id) REFERENCES hosts (host_id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE dhcp4_options (
    option_id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    code TINYINT UNSIGNED NOT NULL,
    value BLOB,
    formatted_value TEXT,
    space VARCHAR(128),
    persistent TINYINT(1) NOT NULL DEFAULT 0,
    dhcp_client_class VARCHAR(128),
    dhcp4_subnet_id INT UNSIGNED,
    host_id INT UNSIGNED,
    scope_id TINYINT UNSIGNED NOT NULL,
    user_context TEXT,
    shared_network_name VARCHAR(128),
    pool_id BIGINT UNSIGNED,
    modification_ts TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    KEY fk_options_host1_idx (host_id),
    KEY fk_dhcp4_options_subnet (dhcp4_subnet_id),
    CONSTRAINT fk_options_host1 FOREIGN KEY (host_id) REFERENCES hosts (host_id) ON DELETE CASCADE,
    CONSTRAINT fk_dhcp4_option_scope FOREIGN KEY (scope_id) REFERENCES dhcp_option_scope (scope_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE dhcp6_options (
    option_id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    code SMALLINT UNSIGNED NOT NULL,
    value BLOB,
    formatted_value TEXT,
    space VARCHAR(128),
    persistent TINYINT(1) NOT NULL DEFAULT 0,
    dhcp_client_class VARCHAR(128),
    dhcp6_subnet_id INT UNSIGNED,
    host_id INT UNSIGNED,
    scope_id TINYINT UNSIGNED NOT NULL,
    user_context TEXT,
    shared_network_name VARCHAR(128),
    pool_id BIGINT UNSIGNED,
    pd_pool_id BIGINT UNSIGNED,
    modification_ts TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    KEY fk_options_host10_idx (host_id),
    KEY fk_dhcp6_options_subnet (dhcp6_subnet_id),
    CONSTRAINT fk_options_host10 FOREIGN KEY (host_id) REFERENCES hosts (host_id) ON DELETE CASCADE,
    CONSTRAINT fk_dhcp6_option_scope FOREIGN KEY (scope_id) REFERENCES dhcp_option_scope (scope_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

namespace Dure.Platform.Storage.Postgres;

/// <summary>
/// The platform's tables in PostgreSQL, schema <c>dure</c>: the same tables and columns as the SQLite file (times as Unix
/// milliseconds, hashes as bytea), so both backends map rows alike. Version 1 is the SQLite schema of version 10.
/// </summary>
internal static class PostgresSchema
{
    public const string Name = "dure";

    // Each entry upgrades the schema by one version; never edit a released entry, append a new one.
    public static readonly string[] Migrations =
    [
        """
        CREATE TABLE tenants (
            id text PRIMARY KEY,
            name text NOT NULL,
            created bigint NOT NULL,
            retention_days integer NOT NULL DEFAULT 90);
        CREATE TABLE homes (
            id text PRIMARY KEY,
            tenant_id text NOT NULL REFERENCES tenants(id),
            layout text NOT NULL,
            updated bigint NOT NULL);
        CREATE INDEX homes_by_tenant ON homes (tenant_id);
        CREATE TABLE device_credentials (
            token_hash bytea PRIMARY KEY,
            home_id text NOT NULL,
            device_id text NOT NULL,
            created bigint NOT NULL,
            UNIQUE (home_id, device_id));
        CREATE TABLE device_states (
            home_id text NOT NULL,
            device_id text NOT NULL,
            state text NOT NULL,
            updated bigint NOT NULL,
            PRIMARY KEY (home_id, device_id));
        CREATE TABLE directive_outbox (
            seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            home_id text NOT NULL,
            device_id text NOT NULL,
            directive_id text NOT NULL,
            name text NOT NULL,
            reply_to text,
            payload text NOT NULL,
            created bigint NOT NULL,
            expires bigint NOT NULL,
            UNIQUE (home_id, device_id, directive_id));
        CREATE INDEX directive_outbox_by_device ON directive_outbox (home_id, device_id, seq);
        CREATE INDEX directive_outbox_by_expiry ON directive_outbox (expires);
        CREATE TABLE device_presence (
            home_id text NOT NULL,
            device_id text NOT NULL,
            connection_id text NOT NULL,
            observer text NOT NULL,
            connected bigint NOT NULL,
            PRIMARY KEY (home_id, device_id));
        CREATE TABLE schedules (
            home_id text NOT NULL,
            id text NOT NULL,
            kind text NOT NULL,
            device_id text NOT NULL,
            due bigint NOT NULL,
            announcement text NOT NULL,
            language text NOT NULL,
            label text,
            message text,
            length_ms bigint,
            paused_remaining_ms bigint,
            area_id text,
            command text,
            created bigint NOT NULL,
            PRIMARY KEY (home_id, id));
        CREATE INDEX schedules_by_due ON schedules (due) WHERE paused_remaining_ms IS NULL;
        CREATE TABLE home_events (
            seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            home_id text NOT NULL,
            device_id text NOT NULL,
            type text NOT NULL,
            at bigint NOT NULL,
            data text NOT NULL,
            received bigint NOT NULL);
        CREATE INDEX home_events_by_type ON home_events (home_id, type, at);
        CREATE TABLE meter_readings (
            home_id text NOT NULL,
            utility text NOT NULL,
            at bigint NOT NULL,
            value double precision NOT NULL,
            unit text NOT NULL,
            PRIMARY KEY (home_id, utility, at));
        CREATE TABLE notices (
            id text PRIMARY KEY,
            tenant_id text NOT NULL REFERENCES tenants(id),
            home_id text NOT NULL,
            published bigint NOT NULL,
            title text NOT NULL,
            body text NOT NULL,
            lang text NOT NULL);
        CREATE INDEX notices_by_home ON notices (home_id, published);
        CREATE TABLE tickets (
            id text PRIMARY KEY,
            tenant_id text NOT NULL REFERENCES tenants(id),
            home_id text NOT NULL,
            device_id text NOT NULL,
            kind text NOT NULL,
            item text,
            quantity integer NOT NULL,
            language text NOT NULL,
            status text NOT NULL,
            created bigint NOT NULL,
            accepted bigint,
            completed bigint);
        CREATE INDEX tickets_by_tenant ON tickets (tenant_id, status, created);
        CREATE INDEX tickets_by_home ON tickets (home_id, status, created);
        CREATE TABLE sites (
            id text PRIMARY KEY,
            tenant_id text NOT NULL REFERENCES tenants(id),
            name text NOT NULL,
            kind text NOT NULL,
            created bigint NOT NULL);
        CREATE INDEX sites_by_tenant ON sites (tenant_id, id);
        CREATE TABLE spaces (
            id text PRIMARY KEY,
            tenant_id text NOT NULL REFERENCES tenants(id),
            site_id text NOT NULL REFERENCES sites(id),
            parent_id text REFERENCES spaces(id),
            kind text NOT NULL,
            name text NOT NULL,
            home_id text UNIQUE,
            created bigint NOT NULL);
        CREATE INDEX spaces_by_site ON spaces (site_id, id);
        CREATE INDEX spaces_by_parent ON spaces (parent_id);
        CREATE TABLE partner_keys (
            key_hash bytea PRIMARY KEY,
            tenant_id text NOT NULL REFERENCES tenants(id),
            name text NOT NULL,
            scopes text NOT NULL,
            created bigint NOT NULL,
            prefix text NOT NULL DEFAULT '',
            site_id text,
            UNIQUE (tenant_id, name));
        CREATE TABLE users (
            id text PRIMARY KEY,
            tenant_id text NOT NULL REFERENCES tenants(id),
            email text NOT NULL UNIQUE,
            name text NOT NULL,
            role text NOT NULL,
            password_hash text NOT NULL,
            created bigint NOT NULL);
        CREATE INDEX users_by_tenant ON users (tenant_id, id);
        CREATE TABLE user_sessions (
            token_hash bytea PRIMARY KEY,
            user_id text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            expires bigint NOT NULL);
        CREATE INDEX user_sessions_by_user ON user_sessions (user_id);
        CREATE TABLE audit_log (
            seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            tenant_id text NOT NULL,
            at bigint NOT NULL,
            actor text NOT NULL,
            action text NOT NULL,
            target text NOT NULL,
            detail text);
        CREATE INDEX audit_by_tenant ON audit_log (tenant_id, seq);
        CREATE TABLE idempotency_keys (
            tenant_id text NOT NULL,
            key text NOT NULL,
            fingerprint bytea NOT NULL,
            status integer NOT NULL,
            body text NOT NULL,
            location text,
            created bigint NOT NULL,
            PRIMARY KEY (tenant_id, key));
        CREATE INDEX idempotency_by_age ON idempotency_keys (created);
        CREATE TABLE conversations (
            seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            id text NOT NULL,
            at bigint NOT NULL,
            tenant_id text NOT NULL,
            site_id text,
            home_id text NOT NULL,
            device_id text NOT NULL,
            text text NOT NULL,
            lang text,
            intent text,
            reply text,
            latency_us bigint NOT NULL,
            error text,
            scheduled bigint NOT NULL);
        CREATE INDEX conversations_by_tenant ON conversations (tenant_id, at);
        CREATE INDEX conversations_by_site ON conversations (tenant_id, site_id, at);
        CREATE INDEX conversations_by_home ON conversations (home_id, at);
        CREATE TABLE analytics_days (
            tenant_id text NOT NULL,
            site_id text NOT NULL,
            day text NOT NULL,
            utterances bigint NOT NULL,
            understood bigint NOT NULL,
            errors bigint NOT NULL,
            intents text NOT NULL,
            latency bytea NOT NULL,
            PRIMARY KEY (tenant_id, site_id, day));
        CREATE INDEX analytics_days_by_day ON analytics_days (tenant_id, day);
        CREATE TABLE device_clients (
            id text PRIMARY KEY,
            tenant_id text NOT NULL REFERENCES tenants(id),
            name text NOT NULL,
            created bigint NOT NULL);
        CREATE INDEX device_clients_by_tenant ON device_clients (tenant_id, id);
        CREATE TABLE device_codes (
            device_code_hash bytea PRIMARY KEY,
            user_code text NOT NULL UNIQUE,
            client_id text NOT NULL REFERENCES device_clients(id) ON DELETE CASCADE,
            tenant_id text NOT NULL,
            status text NOT NULL,
            interval_s integer NOT NULL,
            created bigint NOT NULL,
            expires bigint NOT NULL,
            last_polled bigint,
            home_id text,
            device_id text);
        CREATE INDEX device_codes_by_expiry ON device_codes (expires);
        CREATE INDEX device_codes_by_client ON device_codes (client_id);
        CREATE TABLE skills (
            id text PRIMARY KEY,
            tenant_id text NOT NULL REFERENCES tenants(id),
            name text NOT NULL,
            invocation_names text NOT NULL,
            interaction_model text NOT NULL,
            webhook_url text NOT NULL,
            secret text NOT NULL,
            previous_secret text,
            previous_secret_until bigint,
            model_version integer NOT NULL,
            model_status text NOT NULL,
            model_trained bigint,
            model_error text,
            created bigint NOT NULL,
            updated bigint NOT NULL);
        CREATE INDEX skills_by_tenant ON skills (tenant_id, id);
        CREATE INDEX skills_awaiting_training ON skills (model_status) WHERE model_status = 'training';
        CREATE TABLE skill_models (
            skill_id text PRIMARY KEY REFERENCES skills(id) ON DELETE CASCADE,
            version integer NOT NULL,
            data bytea NOT NULL);
        CREATE TABLE site_skills (
            site_id text NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
            skill_id text NOT NULL REFERENCES skills(id) ON DELETE CASCADE,
            tenant_id text NOT NULL,
            PRIMARY KEY (site_id, skill_id));
        CREATE INDEX site_skills_by_skill ON site_skills (skill_id);
        CREATE TABLE site_home_networks (
            site_id text NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
            kind text NOT NULL,
            tenant_id text NOT NULL,
            settings text NOT NULL,
            secret text,
            previous_secret text,
            rotated bigint,
            updated bigint NOT NULL,
            PRIMARY KEY (site_id, kind));
        CREATE TABLE wallpad_requests (
            site_id text NOT NULL,
            request_id text NOT NULL,
            received bigint NOT NULL,
            PRIMARY KEY (site_id, request_id));
        CREATE INDEX wallpad_requests_by_age ON wallpad_requests (received);
        CREATE TABLE alliance_agents (
            id text PRIMARY KEY,
            tenant_id text NOT NULL REFERENCES tenants(id),
            name text NOT NULL,
            protocol text NOT NULL,
            url text NOT NULL,
            token text,
            created bigint NOT NULL);
        CREATE INDEX alliance_agents_by_tenant ON alliance_agents (tenant_id, id);
        CREATE TABLE alliance_routes (
            id text PRIMARY KEY,
            tenant_id text NOT NULL REFERENCES tenants(id),
            agent_id text NOT NULL REFERENCES alliance_agents(id) ON DELETE CASCADE,
            match text NOT NULL,
            value text,
            priority integer NOT NULL,
            created bigint NOT NULL);
        CREATE INDEX alliance_routes_by_tenant ON alliance_routes (tenant_id, priority, id);
        CREATE INDEX alliance_routes_by_agent ON alliance_routes (agent_id);
        CREATE TABLE data_protection_keys (
            name text PRIMARY KEY,
            xml text NOT NULL,
            created bigint NOT NULL);
        """,
        // 2: the MCP server behind a skill (SQLite's migration 11).
        """
        ALTER TABLE skills ADD COLUMN backend text;
        """,
    ];
}

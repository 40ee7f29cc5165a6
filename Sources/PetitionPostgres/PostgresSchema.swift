import PetitionStore
import PostgresNIO

/// The database side of the PostgreSQL store (docs/decisions/0028-postgresql-store.md):
/// versioned migrations that `xinfang init --log postgres://…` applies, each once, in
/// order, under a lock (so running init again, or on two hosts at once, changes nothing).
///
/// - `xinfang.logs`: one row per jurisdiction — its file header's bytes, the chain's head
///   (sequence number, where a file would end, SHA-256) and the hash of the reference data
///   its records are decided by.
/// - `xinfang.records`: one row per record — the exact frame bytes a file log holds at
///   `file_offset`, and columns drawn from them for queries (kind, case number, actor),
///   with the `session_user` that appended it.
/// - Clients have no right to INSERT, UPDATE or DELETE: they call `xinfang.append`, a
///   SECURITY DEFINER function that checks the chain and stamps `session_user`; triggers
///   refuse UPDATE, DELETE and TRUNCATE of records, whoever asks.
/// - Roles that are not members of `xinfang_accusations` read the records through
///   `xinfang.records_visible`, which withholds the payload of an accusation's records
///   (Art 30): they still see each frame's header and hash, so the chain verifies.
package enum PostgresSchema {
    /// The newest migration this version knows.
    package static var version: Int { migrations.count }

    /// The migrations, version n at index n − 1. Append only: never edit one that shipped.
    package static let migrations: [[String]] = [version1]

    /// The roles every database in the cluster shares (roles are the cluster's, not a database's).
    static let roles = """
    DO $$ BEGIN
      -- Roles are the cluster's, the migrations' lock a database's: two databases migrating at
      -- once take this cluster-wide lock, and a role made meanwhile is no error.
      PERFORM pg_advisory_xact_lock(7110028);
      BEGIN CREATE ROLE xinfang_staff NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END;
      BEGIN CREATE ROLE xinfang_accusations NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END;
    END $$
    """

    static let version1: [String] = [
        roles,
        """
        CREATE TABLE xinfang.logs (
          jurisdiction text PRIMARY KEY,
          log_id text NOT NULL UNIQUE,
          mode text NOT NULL CHECK (mode IN ('production', 'training')),
          header bytea NOT NULL,
          owner_role text NOT NULL DEFAULT session_user,
          created_at timestamptz NOT NULL DEFAULT now(),
          data_hash text NOT NULL,
          importing boolean NOT NULL DEFAULT false,
          head_seq bigint NOT NULL DEFAULT 0,
          end_offset bigint NOT NULL,
          head_hash bytea NOT NULL
        )
        """,
        """
        CREATE TABLE xinfang.records (
          jurisdiction text NOT NULL REFERENCES xinfang.logs,
          seq bigint NOT NULL,
          file_offset bigint NOT NULL,
          kind integer NOT NULL,
          case_number text,
          actor text,
          db_user text NOT NULL,
          imported boolean NOT NULL DEFAULT false,
          accusation boolean NOT NULL DEFAULT false,
          written_at timestamptz NOT NULL DEFAULT now(),
          hash bytea NOT NULL,
          frame bytea NOT NULL,
          PRIMARY KEY (jurisdiction, seq)
        )
        """,
        "CREATE INDEX records_by_case ON xinfang.records (jurisdiction, case_number)",
        """
        CREATE FUNCTION xinfang.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          RAISE EXCEPTION 'xinfang: % on %.% refused: the log is append-only', TG_OP, TG_TABLE_SCHEMA, TG_TABLE_NAME
            USING ERRCODE = 'insufficient_privilege';
        END $$
        """,
        "CREATE TRIGGER records_append_only BEFORE UPDATE OR DELETE ON xinfang.records FOR EACH ROW EXECUTE FUNCTION xinfang.refuse_change()",
        "CREATE TRIGGER records_no_truncate BEFORE TRUNCATE ON xinfang.records FOR EACH STATEMENT EXECUTE FUNCTION xinfang.refuse_change()",
        "CREATE TRIGGER logs_no_delete BEFORE DELETE ON xinfang.logs FOR EACH ROW EXECUTE FUNCTION xinfang.refuse_change()",
        "CREATE TRIGGER logs_no_truncate BEFORE TRUNCATE ON xinfang.logs FOR EACH STATEMENT EXECUTE FUNCTION xinfang.refuse_change()",
        // A log's row changes only by its head moving forward (and an import finishing).
        """
        CREATE FUNCTION xinfang.head_moves_forward() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.jurisdiction IS DISTINCT FROM OLD.jurisdiction OR NEW.log_id IS DISTINCT FROM OLD.log_id
             OR NEW.mode IS DISTINCT FROM OLD.mode OR NEW.header IS DISTINCT FROM OLD.header
             OR NEW.owner_role IS DISTINCT FROM OLD.owner_role OR NEW.created_at IS DISTINCT FROM OLD.created_at
             OR NEW.head_seq < OLD.head_seq OR NEW.end_offset < OLD.end_offset
             OR (NEW.importing AND NOT OLD.importing) THEN
            RAISE EXCEPTION 'xinfang: the log''s row changes only by its head moving forward'
              USING ERRCODE = 'insufficient_privilege';
          END IF;
          RETURN NEW;
        END $$
        """,
        "CREATE TRIGGER logs_forward BEFORE UPDATE ON xinfang.logs FOR EACH ROW EXECUTE FUNCTION xinfang.head_moves_forward()",
        // The head under a lock held to the end of the caller's transaction (staff have no
        // UPDATE right, which SELECT … FOR UPDATE needs, so the function takes it for them).
        """
        CREATE FUNCTION xinfang.lock_head(j text)
          RETURNS TABLE (head_seq bigint, end_offset bigint, head_hash bytea, data_hash text)
          LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
          SELECT l.head_seq, l.end_offset, l.head_hash, l.data_hash FROM xinfang.logs l WHERE l.jurisdiction = j FOR UPDATE
        $$
        """,
        // The one way in. Each frame must follow the head: its sequence number the next, its
        // previous-hash field the head's hash, its length field its length. The record is
        // stamped with session_user; an accusation's later records are marked as its first.
        """
        CREATE FUNCTION xinfang.append(j text, after_seq bigint, data text, frames bytea[], cases text[],
                                       actors text[], accusations boolean[], import boolean DEFAULT false)
          RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
        DECLARE
          l xinfang.logs%ROWTYPE;
          f bytea; s bigint; off bigint; prev bytea; h bytea; n int; k int; fseq bigint; flen bigint; acc boolean;
          plen bigint; new_data text;
        BEGIN
          SELECT * INTO l FROM xinfang.logs WHERE jurisdiction = j FOR UPDATE;
          IF NOT FOUND THEN RAISE EXCEPTION 'xinfang: no log for jurisdiction %', j USING ERRCODE = 'no_data_found'; END IF;
          IF l.head_seq <> after_seq THEN
            RAISE EXCEPTION 'xinfang: the head is record %, not %', l.head_seq, after_seq USING ERRCODE = 'serialization_failure';
          END IF;
          IF import THEN
            IF NOT l.importing OR session_user <> l.owner_role THEN
              RAISE EXCEPTION 'xinfang: only the owner copies records into a log being imported' USING ERRCODE = 'insufficient_privilege';
            END IF;
          END IF;
          s := l.head_seq; off := l.end_offset; prev := l.head_hash;
          n := coalesce(array_length(frames, 1), 0);
          FOR i IN 1 .. n LOOP
            f := frames[i];
            s := s + 1;
            IF length(f) < 88 OR length(f) % 8 <> 0 THEN RAISE EXCEPTION 'xinfang: record % is not a frame', s USING ERRCODE = 'data_exception'; END IF;
            fseq := 0; flen := 0;
            FOR k IN 0 .. 6 LOOP fseq := fseq + (get_byte(f, 16 + k)::bigint << (8 * k)); END LOOP;
            FOR k IN 0 .. 3 LOOP flen := flen + (get_byte(f, length(f) - 8 + k)::bigint << (8 * k)); END LOOP;
            IF fseq <> s OR flen <> length(f) THEN
              RAISE EXCEPTION 'xinfang: record % does not follow the head', s USING ERRCODE = 'data_exception';
            END IF;
            IF substring(f FROM 49 FOR 32) <> prev THEN
              RAISE EXCEPTION 'xinfang: record % does not chain to the head', s USING ERRCODE = 'data_exception';
            END IF;
            -- A reference-data record (kind 8): the data in force from here on, the owner's to record.
            IF get_byte(f, 12) = 8 AND get_byte(f, 13) = 0 AND NOT import THEN
              IF session_user <> l.owner_role THEN
                RAISE EXCEPTION 'xinfang: only the log''s owner records the reference data in force' USING ERRCODE = 'insufficient_privilege';
              END IF;
              plen := get_byte(f, 8)::bigint + (get_byte(f, 9)::bigint << 8) + (get_byte(f, 10)::bigint << 16) + (get_byte(f, 11)::bigint << 24);
              new_data := convert_from(substring(f FROM 81 FOR plen::int), 'UTF8')::jsonb ->> 'sha256';
            END IF;
            h := sha256(f);
            acc := coalesce(accusations[i], false) OR (nullif(cases[i], '') IS NOT NULL AND EXISTS (
              SELECT 1 FROM xinfang.records r WHERE r.jurisdiction = j AND r.case_number = cases[i] AND r.accusation));
            INSERT INTO xinfang.records (jurisdiction, seq, file_offset, kind, case_number, actor, db_user, imported,
                                         accusation, hash, frame)
              VALUES (j, s, off, get_byte(f, 12) + (get_byte(f, 13) << 8), nullif(cases[i], ''), nullif(actors[i], ''),
                      session_user, import, acc, h, f);
            off := off + length(f);
            prev := h;
          END LOOP;
          -- Every host decides by the same data, or writes nothing (checked after the records, so
          -- that a batch recording new data is held to it).
          IF NOT import AND data IS DISTINCT FROM coalesce(new_data, l.data_hash) THEN
            RAISE EXCEPTION 'xinfang: reference data % differs from the log''s %', data, coalesce(new_data, l.data_hash)
              USING ERRCODE = 'XF001';
          END IF;
          UPDATE xinfang.logs SET head_seq = s, end_offset = off, head_hash = prev, data_hash = coalesce(new_data, l.data_hash)
            WHERE jurisdiction = j;
          PERFORM pg_notify('xinfang_append', j || ' ' || s);
          RETURN s;
        END $$
        """,
        // What every role reads: an accusation's payload only for members of xinfang_accusations.
        """
        CREATE VIEW xinfang.records_visible WITH (security_barrier) AS
          SELECT r.jurisdiction, r.seq, r.file_offset, r.kind, r.case_number, r.actor, r.db_user, r.imported,
                 r.accusation, r.written_at, r.hash,
                 w.withheld,
                 CASE WHEN w.withheld THEN substring(r.frame FROM 1 FOR 80) ELSE r.frame END AS frame
          FROM xinfang.records r
          CROSS JOIN LATERAL (SELECT r.accusation AND NOT pg_has_role(session_user, 'xinfang_accusations', 'MEMBER')
                              AS withheld) w
        """,
        "REVOKE ALL ON xinfang.records, xinfang.logs FROM PUBLIC",
        "REVOKE ALL ON FUNCTION xinfang.append(text, bigint, text, bytea[], text[], text[], boolean[], boolean) FROM PUBLIC",
        "REVOKE ALL ON FUNCTION xinfang.lock_head(text) FROM PUBLIC",
        "GRANT USAGE ON SCHEMA xinfang TO xinfang_staff",
        "GRANT SELECT ON xinfang.logs, xinfang.records_visible TO xinfang_staff",
        "GRANT EXECUTE ON FUNCTION xinfang.append(text, bigint, text, bytea[], text[], text[], boolean[], boolean) TO xinfang_staff",
        "GRANT EXECUTE ON FUNCTION xinfang.lock_head(text) TO xinfang_staff",
    ]

    /// Creates the schema or brings it up to `version`, each migration once, in its own
    /// transaction, under a lock on the migrations table. Returns the versions applied.
    static func migrate(_ c: SyncConnection) throws(StoreError) -> [Int] {
        try c.query("CREATE SCHEMA IF NOT EXISTS xinfang")
        try c.query("""
            CREATE TABLE IF NOT EXISTS xinfang.migrations (
              version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now(),
              by_role text NOT NULL DEFAULT session_user)
            """)
        var applied: [Int] = []
        for (index, statements) in migrations.enumerated() {
            let version = index + 1
            try c.begin()
            do {
                try c.query("LOCK TABLE xinfang.migrations IN EXCLUSIVE MODE")
                let done = try c.query("SELECT 1 FROM xinfang.migrations WHERE version = \(version)")
                if done.isEmpty {
                    for statement in statements { try c.query(PostgresQuery(unsafeSQL: statement)) }
                    try c.query("INSERT INTO xinfang.migrations (version) VALUES (\(version))")
                    applied.append(version)
                }
                try c.commit()
            } catch {
                c.rollback()
                throw error
            }
        }
        return applied
    }
}

/**
 * Migration 0002 (PostgreSQL only; a no-op on SQLite): the database seals audit records at commit
 * (ADR 0008). The tables are those of 0001, so a backup of either schema restores into the other.
 *
 * A write's flush inserts its audit records unsealed: `seq` is a negative placeholder taken from
 * `audit_pending_seq` (decreasing within a transaction: descending placeholder order is insertion
 * order), `prev_hash` is empty and `hash` holds the record's seal template (audit-trail.ts
 * `auditSealTemplate`: its canonical JSON cut around the time, the previous hash and the seq, the
 * four segments joined by U+0001). Only its own transaction can see such rows. At commit the
 * deferred constraint trigger `audit_log_seal` runs once per unsealed row; the first run of a
 * transaction seals them all and the others find none left:
 * 1. lock `audit_head` (`for update`: the one place a PostgreSQL write takes it, and the last lock);
 * 2. for each unsealed row in insertion order: seq = last seq + 1; time = the later of the row's
 *    time and the previous record's (so seq order stays time order, compared byte-wise); text =
 *    s0 + JSON(time) + s1 + JSON(previous hash) + s2 + seq + s3, the record's canonical JSON;
 *    hash = hex SHA-256 of the UTF-8 bytes of previous hash + text — `hashAuditRecord`'s formula, so
 *    `mmreg audit verify` checks these records like any other;
 * 3. move the head.
 * The head is then held only while the trigger and the commit run, never across a client round trip.
 * Restored records (positive seq) do not fire the trigger.
 */
import { type Kysely, sql } from 'kysely';
import type { MigrationDialect } from './0001-initial-schema.ts';

export async function up(db: Kysely<unknown>, dialect: MigrationDialect): Promise<void> {
  if (dialect !== 'postgres') return;
  // `cycle`: a placeholder only has to be unique among the unsealed rows of open transactions.
  await sql`create sequence audit_pending_seq as integer minvalue 1 maxvalue 2147483647 cycle`.execute(db);
  await sql`
    create function mmreg_seal_audit() returns trigger language plpgsql as $seal$
    declare
      head_seq integer;
      chain_hash text;
      previous_at text;
      sealed_at text;
      pending record;
      parts text[];
      record_text text;
      sealed_hash text;
    begin
      if not exists (select 1 from audit_log where seq < 0) then
        return null;
      end if;
      select last_seq, last_hash into strict head_seq, chain_hash from audit_head where id = 1 for update;
      select at into previous_at from audit_log where seq = head_seq;
      for pending in select seq, at, hash from audit_log where seq < 0 order by seq desc loop
        parts := string_to_array(pending.hash, chr(1));
        if array_length(parts, 1) is distinct from 4 then
          raise exception 'audit record % has no valid seal template', pending.seq;
        end if;
        head_seq := head_seq + 1;
        sealed_at := case
          when previous_at is not null and previous_at collate "C" > pending.at collate "C" then previous_at
          else pending.at
        end;
        record_text := parts[1] || to_json(sealed_at)::text || parts[2] || to_json(chain_hash)::text
          || parts[3] || head_seq::text || parts[4];
        sealed_hash := encode(sha256(convert_to(chain_hash || record_text, 'UTF8')), 'hex');
        update audit_log set seq = head_seq, at = sealed_at, prev_hash = chain_hash, hash = sealed_hash
          where seq = pending.seq;
        chain_hash := sealed_hash;
        previous_at := sealed_at;
      end loop;
      update audit_head set last_seq = head_seq, last_hash = chain_hash where id = 1;
      return null;
    end
    $seal$`.execute(db);
  await sql`
    create constraint trigger audit_log_seal after insert on audit_log
      deferrable initially deferred
      for each row when (new.seq < 0)
      execute function mmreg_seal_audit()`.execute(db);
}

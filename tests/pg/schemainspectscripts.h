#pragma once

// SQL scripts the schema inspection tests load: one object of every kind the model reads.

#include <QString>

namespace strata::test {

// Tables, columns, constraints, indexes, partitions, inheritance and sequences in a schema
// "app".
inline QString relationsScript()
{
    return QStringLiteral(
        "CREATE SCHEMA app;\n"
        "CREATE TABLE app.customer (id bigint GENERATED ALWAYS AS IDENTITY "
        "(START WITH 10) PRIMARY KEY, email text NOT NULL COLLATE \"C\", "
        "name varchar(40) DEFAULT 'x', total numeric(10,2) GENERATED ALWAYS AS "
        "(0) STORED);\n"
        "ALTER TABLE app.customer ADD CONSTRAINT email_ok CHECK (email <> '') NOT "
        "VALID;\n"
        "COMMENT ON TABLE app.customer IS 'who buys';\n"
        "COMMENT ON COLUMN app.customer.email IS 'address';\n"
        "CREATE TABLE app.orders (id serial PRIMARY KEY, customer_id bigint "
        "REFERENCES app.customer DEFERRABLE INITIALLY DEFERRED, placed date, "
        "EXCLUDE USING btree (id WITH =)) WITH (fillfactor = 70);\n"
        "CREATE UNIQUE INDEX orders_placed ON app.orders (placed) WHERE placed IS "
        "NOT NULL;\n"
        "CREATE INDEX orders_lower ON app.orders ((customer_id + 1));\n"
        "CREATE UNLOGGED TABLE app.scratch (a int);\n"
        "ALTER TABLE app.scratch REPLICA IDENTITY FULL, ALTER a SET STATISTICS 500;\n"
        "ALTER TABLE app.customer ALTER email SET STORAGE EXTERNAL, ALTER email SET "
        "COMPRESSION pglz;\n"
        "ALTER TABLE app.customer ENABLE ROW LEVEL SECURITY;\n"
        "ALTER TABLE app.customer FORCE ROW LEVEL SECURITY;\n"
        "CREATE TABLE app.events (id int, at date) PARTITION BY RANGE (at);\n"
        "CREATE TABLE app.events_2026 PARTITION OF app.events FOR VALUES FROM "
        "('2026-01-01') TO ('2027-01-01');\n"
        "CREATE INDEX events_at ON app.events (at);\n"
        "CREATE TABLE app.base (a int CHECK (a > 0));\n"
        "CREATE TABLE app.child (b int) INHERITS (app.base);\n"
        "CREATE SEQUENCE app.counter AS integer INCREMENT 5 MINVALUE 0 MAXVALUE "
        "1000 CYCLE OWNED BY app.orders.placed;\n");
}

// Types, domains, a collation, views, functions, an aggregate, a trigger, a rule and a
// policy in "public".
inline QString kindsScript()
{
    return QStringLiteral(
        "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');\n"
        "CREATE DOMAIN posint AS integer DEFAULT 1 NOT NULL CONSTRAINT positive "
        "CHECK (VALUE > 0);\n"
        "CREATE TYPE pair AS (a integer, b text);\n"
        "CREATE COLLATION nocase (provider = icu, locale = 'und-u-ks-level2', "
        "deterministic = false);\n"
        "CREATE TABLE t (id posint PRIMARY KEY, m mood, p pair, n text);\n"
        "CREATE VIEW v AS SELECT id, m FROM t WHERE m <> 'sad';\n"
        "CREATE MATERIALIZED VIEW mv AS SELECT count(*) AS c FROM t;\n"
        "CREATE INDEX mv_c ON mv (c);\n"
        "CREATE FUNCTION add(a integer, b integer) RETURNS integer LANGUAGE sql "
        "IMMUTABLE AS 'SELECT a + b';\n"
        "CREATE PROCEDURE touch(x text) LANGUAGE sql AS 'SELECT 1';\n"
        "CREATE FUNCTION stamp() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN "
        "RETURN NEW; END$$;\n"
        "CREATE TRIGGER t_stamp BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION "
        "stamp();\n"
        "CREATE AGGREGATE total(integer) (SFUNC = add, STYPE = integer, INITCOND = "
        "'0');\n"
        "CREATE RULE no_delete AS ON DELETE TO t DO INSTEAD NOTHING;\n"
        "CREATE POLICY mine ON t AS RESTRICTIVE FOR SELECT TO public USING (id > "
        "1);\n"
        "COMMENT ON VIEW v IS 'happy ones';\n"
        "COMMENT ON FUNCTION add(integer, integer) IS 'sum';\n");
}

} // namespace strata::test

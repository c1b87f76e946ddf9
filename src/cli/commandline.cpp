#include "commandline.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QHash>
#include <QSet>

#include <tuple>

namespace strata::cli {

namespace {

struct CommandSpec
{
    const char *name;
    const char *synopsis;
    const char *summary;
    QStringList options; // long names of the command's own options
    int minArgs;
    int maxArgs; // -1: any number
};

// "500ms", "5s", "2min", "1h", or a bare number of seconds; -1 when unreadable.
int parseDuration(const QString &text)
{
    static const QList<std::pair<QLatin1String, double>> units{{QLatin1String("ms"), 1.0},
                                                               {QLatin1String("min"), 60000.0},
                                                               {QLatin1String("s"), 1000.0},
                                                               {QLatin1String("h"), 3600000.0}};
    const QString t = text.trimmed();
    double factor = 1000.0;
    QString number = t;
    for (const auto &[suffix, unit] : units) {
        if (t.endsWith(suffix)) {
            factor = unit;
            number = t.chopped(suffix.size()).trimmed();
            break;
        }
    }
    bool ok = false;
    const double value = number.toDouble(&ok);
    if (!ok || value < 0 || value * factor > 2147483647.0)
        return -1;
    return int(value * factor);
}

const QList<CommandSpec> &commands()
{
    static const QList<CommandSpec> specs = {
        {"init",
         "init DIR",
         "Create a migration project (strata.ini and versions/) in DIR.",
         {},
         1,
         1},
        {"revision",
         "revision -m MSG [--head H] [--splice] [--branch-label L] [--depends-on R] [--rev-id ID]\n"
         "       strata revision --autogenerate -m MSG [--schema-file PATH | --from-url URL |\n"
         "                       --from-profile NAME] [--concurrently] [--dev-url URL] [--rev-id "
         "ID]",
         "Write a new migration file (--autogenerate: from a schema diff, proven first).",
         {QStringLiteral("message"), QStringLiteral("head"), QStringLiteral("splice"),
          QStringLiteral("branch-label"), QStringLiteral("depends-on"), QStringLiteral("rev-id"),
          QStringLiteral("autogenerate"), QStringLiteral("schema-file"), QStringLiteral("from-url"),
          QStringLiteral("from-profile"), QStringLiteral("dev-url"),
          QStringLiteral("concurrently")},
         0,
         0},
        {"merge",
         "merge -m MSG REV... | heads",
         "Write a migration merging several revisions.",
         {QStringLiteral("message"), QStringLiteral("branch-label"), QStringLiteral("rev-id")},
         1,
         -1},
        {"upgrade",
         "upgrade TARGET [--sql [--dialect D]] [--plan] [--create-database]",
         "Apply migrations up to TARGET (e.g. heads, +1, REV).",
         {QStringLiteral("sql"), QStringLiteral("dialect"), QStringLiteral("plan"),
          QStringLiteral("lock-wait"), QStringLiteral("reason"), QStringLiteral("lock-timeout"),
          QStringLiteral("statement-timeout"), QStringLiteral("create-database"),
          QStringLiteral("single-transaction"), QStringLiteral("dry-run"),
          QStringLiteral("confirm"), QStringLiteral("backup-first"), QStringLiteral("no-backup"),
          QStringLiteral("override-lint")},
         1,
         1},
        {"downgrade",
         "downgrade TARGET [--sql [--dialect D]] [--plan]",
         "Revert migrations down to TARGET (e.g. -1, base, REV).",
         {QStringLiteral("sql"), QStringLiteral("dialect"), QStringLiteral("plan"),
          QStringLiteral("lock-wait"), QStringLiteral("reason"), QStringLiteral("lock-timeout"),
          QStringLiteral("statement-timeout"), QStringLiteral("single-transaction"),
          QStringLiteral("confirm"), QStringLiteral("backup-first"), QStringLiteral("no-backup"),
          QStringLiteral("override-lint")},
         1,
         1},
        {"current", "current", "Show the database's current revisions.", {}, 0, 0},
        {"status",
         "status [--json]",
         "Show the current revision, what is pending, and what is wrong (exit 0 when read).",
         {},
         0,
         0},
        {"lint",
         "lint [REV...] [--json]",
         "Check migrations for statements that lock, rewrite or lose data (PostgreSQL rules).",
         {},
         0,
         -1},
        {"verify",
         "verify",
         "In a scratch database: upgrade heads, downgrade base, upgrade heads; compare schemas.",
         {},
         0,
         0},
        {"ping",
         "ping",
         "Connect; print the server version, database, user and current revisions.",
         {},
         0,
         0},
        {"backup",
         "backup [--format F] [--jobs N] [--compress N] [--schema-only] [--out DIR] [--keep N]",
         "Back up the database (pg_dump, or SQLite's backup API), verified and catalogued.",
         {QStringLiteral("format"), QStringLiteral("jobs"), QStringLiteral("compress"),
          QStringLiteral("schema-only"), QStringLiteral("out"), QStringLiteral("keep"),
          QStringLiteral("reason")},
         0,
         0},
        {"backups",
         "backups [--out DIR]",
         "List the catalogued backups, newest first.",
         {QStringLiteral("out")},
         0,
         0},
        {"restore",
         "restore BACKUP [--into PROFILE] [--confirm DBNAME] [--jobs N] [--no-owner] [--no-backup]",
         "Restore a catalogued backup into the database (or another profile's).",
         {QStringLiteral("into"), QStringLiteral("confirm"), QStringLiteral("jobs"),
          QStringLiteral("reason"), QStringLiteral("out"), QStringLiteral("no-owner"),
          QStringLiteral("backup-first"), QStringLiteral("no-backup")},
         1,
         1},
        {"history",
         "history [-r A:B] [-v] [-i]",
         "List revisions, newest first.",
         {QStringLiteral("rev-range"), QStringLiteral("indicate-current")},
         0,
         0},
        {"heads", "heads", "Show the project's head revisions.", {}, 0, 0},
        {"branches", "branches", "Show branch points.", {}, 0, 0},
        {"show", "show REV", "Show one revision in full.", {}, 1, 1},
        {"stamp",
         "stamp REV... [--purge] [--sql [--dialect D]]",
         "Set the version rows without running migrations.",
         {QStringLiteral("purge"), QStringLiteral("sql"), QStringLiteral("dialect"),
          QStringLiteral("lock-wait"), QStringLiteral("reason"), QStringLiteral("lock-timeout"),
          QStringLiteral("statement-timeout"), QStringLiteral("confirm"),
          QStringLiteral("backup-first"), QStringLiteral("no-backup")},
         1,
         -1},
        {"check",
         "check [--json] [--drift [--ignore PATTERN]... [--grants] [--dev-url URL]]",
         "Exit 3 when the database is behind or edited; with --drift, when its schema differs.",
         {QStringLiteral("drift"), QStringLiteral("ignore"), QStringLiteral("grants"),
          QStringLiteral("dev-url")},
         0,
         0},
        {"diff",
         "diff --from SIDE --to SIDE [--json] [--concurrently] [--dev-url URL]",
         "Print the SQL turning one schema into another (PostgreSQL or SQLite), hazards as "
         "comments.",
         {QStringLiteral("from"), QStringLiteral("to"), QStringLiteral("dev-url"),
          QStringLiteral("concurrently")},
         0,
         0},
        {"audit",
         "audit [verify] [--since DATE] [--profile NAME] [--json]",
         "List the audit log's entries; `audit verify` checks its hash chain (exit 3: edited).",
         {QStringLiteral("since")},
         0,
         1},
        {"repair",
         "repair",
         "Accept the current text of edited migrations (recorded in history).",
         {QStringLiteral("reason"), QStringLiteral("confirm"), QStringLiteral("backup-first"),
          QStringLiteral("no-backup")},
         0,
         0},
    };
    return specs;
}

const CommandSpec *findCommand(const QString &name)
{
    for (const CommandSpec &spec : commands())
        if (name == QLatin1String(spec.name))
            return &spec;
    return nullptr;
}

const QStringList &commonOptions()
{
    static const QStringList names = {
        QStringLiteral("project"),        QStringLiteral("url"),
        QStringLiteral("profile"),        QStringLiteral("version-table"),
        QStringLiteral("schema"),         QStringLiteral("json"),
        QStringLiteral("quiet"),          QStringLiteral("verbose"),
        QStringLiteral("help"),           QStringLiteral("version"),
        QStringLiteral("connect-timeout")};
    return names;
}

// The schema commands' options that only make sense together.
Status checkSchemaOptions(const Invocation &inv)
{
    auto given = [&inv](const char *name) { return inv.given.contains(QLatin1String(name)); };
    if (inv.command == QLatin1String("diff") && (inv.from.isEmpty() || inv.to.isEmpty()))
        return Error::usage(QStringLiteral("diff needs both sides: strata diff --from SIDE --to "
                                           "SIDE (SIDE: heads, a revision, db, current, "
                                           "file:PATH, url:URL, profile:NAME)"));
    if (inv.command == QLatin1String("revision")) {
        for (const char *name :
             {"schema-file", "from-url", "from-profile", "dev-url", "concurrently"})
            if (given(name) && !inv.autogenerate)
                return Error::usage(QStringLiteral("--%1 applies to revision --autogenerate")
                                        .arg(QLatin1String(name)));
        for (const char *name : {"head", "splice", "branch-label", "depends-on"})
            if (given(name) && inv.autogenerate)
                return Error::usage(
                    QStringLiteral("--%1 does not apply to --autogenerate: the new migration "
                                   "follows the project's single head")
                        .arg(QLatin1String(name)));
        if (int(given("schema-file")) + int(given("from-url")) + int(given("from-profile")) > 1)
            return Error::usage(QStringLiteral("--schema-file, --from-url and --from-profile "
                                               "exclude each other: one desired state"));
    }
    if (inv.command == QLatin1String("check"))
        for (const char *name : {"ignore", "grants", "dev-url"})
            if (given(name) && !inv.drift)
                return Error::usage(
                    QStringLiteral("--%1 applies to check --drift").arg(QLatin1String(name)));
    return {};
}

} // namespace

QString usageText()
{
    QString text = QStringLiteral(
        "Usage: strata [options] COMMAND [arguments]\n\n"
        "Database schema migrations from SQL files, with Alembic's revision semantics.\n\n"
        "Commands:\n");
    for (const CommandSpec &spec : commands())
        text += QStringLiteral("  %1 %2\n")
                    .arg(QLatin1String(spec.name), -10)
                    .arg(QLatin1String(spec.summary));
    text += QStringLiteral(
        "\nCommon options (before or after the command):\n"
        "  -d, --project DIR        project folder (default: the folder holding strata.ini, "
        "searched upward)\n"
        "  --url URL                database URL (sqlite:///relative.db, sqlite:////absolute.db, "
        "...)\n"
        "  --profile NAME           a saved connection profile (the desktop app's): its database,\n"
        "                           project, version table and schema\n"
        "  --version-table NAME     version table (default: strata.ini's version_table, else "
        "strata_version)\n"
        "  --schema NAME            PostgreSQL schema of the version tables (default: strata.ini's "
        "version_table_schema)\n"
        "  --connect-timeout SECONDS  give up connecting after this long (10; 0: no limit)\n"
        "  --json                   print one JSON document on stdout\n"
        "  -q, --quiet              print only errors\n"
        "  -v, --verbose            print more\n"
        "  -h, --help               this help; `strata COMMAND --help` (or `strata help "
        "COMMAND`) for one\n"
        "                           command\n"
        "  --version                print the version\n\n"
        "Exit codes: 0 success; 1 failure (also an unknown revision, profile or backup); 2 usage "
        "error\n"
        "(the command line itself is wrong); 3 `check` found the database behind or edited, or\n"
        "`audit verify` found the audit log edited;\n"
        "130 stopped by Ctrl-C or SIGTERM (the step under way rolled back, recorded as "
        "cancelled).\n"
        "Connection, first found wins: --url, --profile, DATABASE_URL, "
        "DB_HOST/DB_PORT/DB_NAME/DB_USER/DB_PASSWORD\n"
        "(from the environment, or the .env in the project folder or a parent up to the "
        "repository root),\n"
        "url in strata.ini, else strata.db in the project folder. Commands that change a "
        "database\n"
        "name it on their first line (\"Target: ...\").\n");
    return text;
}

QString commandHelp(const QString &command)
{
    const CommandSpec *spec = findCommand(command);
    if (!spec)
        return usageText();
    QString text = QStringLiteral("Usage: strata %1\n\n%2\n")
                       .arg(QLatin1String(spec->synopsis), QLatin1String(spec->summary));
    if (command == QLatin1String("revision") || command == QLatin1String("merge"))
        text += QStringLiteral(
            "\n  -m, --message MSG        the migration's message\n"
            "  --head H                 parent revision (default: the single head)\n"
            "  --splice                 allow a parent that is not a head (starts a branch)\n"
            "  --branch-label L         label for the new revision's branch (repeatable)\n"
            "  --depends-on R           extra dependency, a revision or label (repeatable)\n"
            "  --rev-id ID              revision id to use instead of a random one\n");
    if (command == QLatin1String("upgrade") || command == QLatin1String("downgrade"))
        text += QStringLiteral(
            "\nTARGET: REV, a unique prefix, head, heads, base, LABEL@head, "
            "LABEL@base, +N, -N, REV+N,\n"
            "REV-N, LABEL@+N. With --sql, TARGET may be FROM:TO.\n"
            "  --lock-wait SECONDS      wait this long for another run on the same database (60)\n"
            "  --sql                    print the SQL instead of running it; no "
            "database is touched\n"
            "  --dialect D              with --sql: postgresql or sqlite, instead of the\n"
            "                           configured database's (needed when none is configured)\n"
            "  --plan                   print the steps; nothing runs\n"
            "  --reason TEXT            why, for the audit log (e.g. a ticket number)\n"
            "  --lock-timeout TIME      PostgreSQL: give up a statement that waits this long for "
            "a\n"
            "                           lock (500ms, 5s, 1min; a bare number is seconds)\n"
            "  --statement-timeout TIME PostgreSQL: give up a statement that runs this long\n"
            "  --single-transaction     the whole plan in one transaction: all of it or none\n"
            "  --confirm DBNAME         a protected profile's database name (else asked on a\n"
            "                           terminal); --sql, --plan and --dry-run need none\n"
            "  --backup-first, --no-backup  a verified backup before the run, or none (on a\n"
            "                           protected profile the backup is taken unless --no-backup)\n"
            "  --override-lint REASON   run although the lint policy blocks it (on a protected\n"
            "                           profile: lint errors), recorded with REASON in the audit "
            "log\n");
    if (command == QLatin1String("upgrade"))
        text +=
            QStringLiteral("  --create-database        create the database first when it does not "
                           "exist (PostgreSQL)\n"
                           "  --dry-run                run it in one transaction and roll it all "
                           "back: every statement tried, nothing kept\n");
    if (command == QLatin1String("backup"))
        text += QStringLiteral(
            "\n  --format F               PostgreSQL: custom (default), directory, plain or tar\n"
            "  --jobs N                 directory format: N parallel pg_dump workers\n"
            "  --compress N             compression level 0-9 (custom and directory)\n"
            "  --schema-only            the schema without the data\n"
            "  --out DIR                where (default: $STRATA_BACKUP_DIR, else\n"
            "                           ~/.local/share/strata/backups)\n"
            "  --keep N                 afterwards keep only the newest N backups of this profile\n"
            "                           (or database)\n"
            "The password reaches pg_dump through its environment, never its command line. Each\n"
            "backup is verified (pg_restore --list, or SQLite's integrity check) and catalogued\n"
            "beside it in BACKUP.json: database, server version, revisions, size, SHA-256.\n");
    if (command == QLatin1String("restore"))
        text += QStringLiteral(
            "\n  --into PROFILE           restore into that profile's database instead\n"
            "  --confirm DBNAME         the target's database name: needed unless the target is a\n"
            "                           profile that is not protected (else asked on a terminal)\n"
            "  --no-owner               leave out owners and grants (for roles the target lacks)\n"
            "  --out DIR                the backup folder, where a bare BACKUP name is looked for\n"
            "  --jobs N                 PostgreSQL: N parallel pg_restore workers (else one\n"
            "                           transaction: all or nothing)\n"
            "  --backup-first, --no-backup  back the target up first (into --out), or not (a\n"
            "                           protected target is backed up unless --no-backup)\n"
            "A backup whose checksum no longer matches its catalogue entry is refused. The\n"
            "target's user schemas are replaced whole: what was created since the backup is "
            "gone.\n");
    if (command == QLatin1String("revision"))
        text += QStringLiteral(
            "  --autogenerate           compare the project at its head with the desired state "
            "and\n"
            "                           write the difference, proven in a scratch database first\n"
            "  --schema-file PATH       the desired state: a SQL file (default: schema_file in\n"
            "                           strata.ini); `-- strata:renamed-from OLD` above a table "
            "or\n"
            "                           column declares a rename\n"
            "  --from-url URL, --from-profile NAME  the desired state: a reference database\n"
            "  --concurrently           build new indexes with CREATE INDEX CONCURRENTLY (writes\n"
            "                           go on meanwhile); the migration is then transactional: "
            "false\n"
            "  --dev-url URL            the PostgreSQL server for scratch databases (default:\n"
            "                           dev_url in strata.ini, else the configured database's;\n"
            "                           SQLite projects use temporary files)\n"
            "\nNo difference: \"No changes\", exit 0, no file. A migration that fails its proof "
            "is\n"
            "not written: exit 1 with the property, the object and why.\n");
    if (command == QLatin1String("diff"))
        text += QStringLiteral(
            "\nSIDE: heads or a revision (the project replayed in a scratch database), db (the\n"
            "configured database), current (the project replayed to db's own version rows:\n"
            "--from current --to db is drift as a diff), file:PATH (a SQL file applied to an\n"
            "empty scratch database), url:URL or profile:NAME (a live database). Live databases\n"
            "are only read. A SQLite project's scratch databases are temporary files in a\n"
            "private folder; both sides must be of one engine.\n"
            "  --from SIDE              the schema as it is\n"
            "  --to SIDE                the schema as it should be\n"
            "  --concurrently           build new indexes with CREATE INDEX CONCURRENTLY (not in\n"
            "                           a transaction block)\n"
            "  --dev-url URL            the PostgreSQL server for scratch databases (default:\n"
            "                           dev_url in strata.ini, else the configured database's;\n"
            "                           SQLite projects use temporary files)\n"
            "  --json                   "
            "{\"operations\":[{\"sql\",\"inverse_sql\",\"kind\",\"object\","
            "\"hazards\"}]}\n");
    if (command == QLatin1String("check"))
        text += QStringLiteral(
            "\n  --drift                  compare the database's schema with the project replayed "
            "to\n"
            "                           its current revisions in a scratch database: what was\n"
            "                           added, removed or changed by hand (exit 3 on drift)\n"
            "  --ignore PATTERN         skip objects matching a glob (\"table public.tmp_*\",\n"
            "                           \"public.audit_*\"); repeatable; also drift_ignore in "
            "strata.ini\n"
            "  --grants                 compare owners and grants too (off: environments grant\n"
            "                           differently by design)\n"
            "  --dev-url URL            the PostgreSQL server for the scratch database\n");
    if (command == QLatin1String("history"))
        text +=
            QStringLiteral("\n  -r, --rev-range A:B      only revisions from A to B (either side "
                           "may be empty; 'current' allowed)\n"
                           "  -v, --verbose            full detail for each revision\n"
                           "  -i, --indicate-current   mark the database's current revisions\n");
    if (command == QLatin1String("stamp"))
        text += QStringLiteral(
            "\n  --purge                  delete every version row first (for a corrupted table)\n"
            "  --sql                    print the SQL instead of running it\n"
            "  --reason TEXT            why, for the audit log (e.g. a ticket number)\n"
            "  --confirm DBNAME         a protected profile's database name (else asked)\n"
            "  --backup-first, --no-backup  a verified backup first, or none (taken on a "
            "protected\n"
            "                           profile unless --no-backup)\n");
    if (command == QLatin1String("audit"))
        text += QStringLiteral(
            "\n  --since DATE             only entries from DATE on (2026-11-30, or a time such "
            "as\n"
            "                           2026-11-30T14:00 or 2026-11-30T14:00:00Z; local time "
            "unless\n"
            "                           it says otherwise)\n"
            "  --profile NAME           only entries of that profile\n"
            "  --json                   {\"file\",\"entries\":[...]}; with verify "
            "{\"state\",\"fault\",\n"
            "                           "
            "\"line\",\"entries\",\"chained\",\"unchained\",\"last_hash\"}\n"
            "The log: $STRATA_AUDIT_LOG, else ~/.local/share/strata/audit.jsonl (mode 0600). Each\n"
            "entry carries the SHA-256 of its content and of the entry before it; `audit verify`\n"
            "names the first line changed, removed or inserted and exits 3 (0 intact, 1 "
            "unreadable).\n"
            "Entries written before the chain existed are reported as unchained, not as edited.\n");
    if (command == QLatin1String("repair"))
        text += QStringLiteral(
            "\n  --confirm DBNAME         a protected profile's database name (else asked)\n"
            "  --backup-first, --no-backup  a verified backup first, or none (taken on a "
            "protected\n"
            "                           profile unless --no-backup)\n");
    return text + QStringLiteral("\nCommon options: see `strata --help`.\n");
}

Result<Invocation> parseCommandLine(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsOptions);
    const QCommandLineOption project({QStringLiteral("d"), QStringLiteral("project")}, {},
                                     QStringLiteral("DIR"));
    const QCommandLineOption url(QStringLiteral("url"), {}, QStringLiteral("URL"));
    const QCommandLineOption profile(QStringLiteral("profile"), {}, QStringLiteral("NAME"));
    const QCommandLineOption format(QStringLiteral("format"), {}, QStringLiteral("F"));
    const QCommandLineOption jobs(QStringLiteral("jobs"), {}, QStringLiteral("N"));
    const QCommandLineOption compress(QStringLiteral("compress"), {}, QStringLiteral("N"));
    const QCommandLineOption schemaOnly(QStringLiteral("schema-only"));
    const QCommandLineOption out(QStringLiteral("out"), {}, QStringLiteral("DIR"));
    const QCommandLineOption keep(QStringLiteral("keep"), {}, QStringLiteral("N"));
    const QCommandLineOption into(QStringLiteral("into"), {}, QStringLiteral("PROFILE"));
    const QCommandLineOption confirm(QStringLiteral("confirm"), {}, QStringLiteral("DBNAME"));
    const QCommandLineOption noOwner(QStringLiteral("no-owner"));
    const QCommandLineOption versionTable(QStringLiteral("version-table"), {},
                                          QStringLiteral("NAME"));
    const QCommandLineOption schema(QStringLiteral("schema"), {}, QStringLiteral("NAME"));
    const QCommandLineOption connectTimeout(QStringLiteral("connect-timeout"), {},
                                            QStringLiteral("SECONDS"));
    const QCommandLineOption json(QStringLiteral("json"));
    const QCommandLineOption quiet(QStringList{QStringLiteral("q"), QStringLiteral("quiet")});
    const QCommandLineOption verbose(QStringList{QStringLiteral("v"), QStringLiteral("verbose")});
    const QCommandLineOption help(QStringList{QStringLiteral("h"), QStringLiteral("help")});
    const QCommandLineOption version(QStringLiteral("version"));
    const QCommandLineOption message({QStringLiteral("m"), QStringLiteral("message")}, {},
                                     QStringLiteral("MSG"));
    const QCommandLineOption head(QStringLiteral("head"), {}, QStringLiteral("H"));
    const QCommandLineOption splice(QStringLiteral("splice"));
    const QCommandLineOption branchLabel(QStringLiteral("branch-label"), {}, QStringLiteral("L"));
    const QCommandLineOption dependsOn(QStringLiteral("depends-on"), {}, QStringLiteral("R"));
    const QCommandLineOption revId(QStringLiteral("rev-id"), {}, QStringLiteral("ID"));
    const QCommandLineOption sql(QStringLiteral("sql"));
    const QCommandLineOption plan(QStringLiteral("plan"));
    const QCommandLineOption purge(QStringLiteral("purge"));
    const QCommandLineOption lockWait(QStringLiteral("lock-wait"), {}, QStringLiteral("SECONDS"));
    const QCommandLineOption reason(QStringLiteral("reason"), {}, QStringLiteral("TEXT"));
    const QCommandLineOption lockTimeout(QStringLiteral("lock-timeout"), {},
                                         QStringLiteral("TIME"));
    const QCommandLineOption statementTimeout(QStringLiteral("statement-timeout"), {},
                                              QStringLiteral("TIME"));
    const QCommandLineOption createDatabase(QStringLiteral("create-database"));
    const QCommandLineOption singleTransaction(QStringLiteral("single-transaction"));
    const QCommandLineOption dryRun(QStringLiteral("dry-run"));
    const QCommandLineOption backupFirst(QStringLiteral("backup-first"));
    const QCommandLineOption since(QStringLiteral("since"), {}, QStringLiteral("DATE"));
    const QCommandLineOption noBackup(QStringLiteral("no-backup"));
    const QCommandLineOption overrideLint(QStringLiteral("override-lint"), {},
                                          QStringLiteral("REASON"));
    const QCommandLineOption dialect(QStringLiteral("dialect"), {}, QStringLiteral("DIALECT"));
    const QCommandLineOption range({QStringLiteral("r"), QStringLiteral("rev-range")}, {},
                                   QStringLiteral("A:B"));
    const QCommandLineOption indicate(
        QStringList{QStringLiteral("i"), QStringLiteral("indicate-current")});
    const QCommandLineOption from(QStringLiteral("from"), {}, QStringLiteral("SIDE"));
    const QCommandLineOption to(QStringLiteral("to"), {}, QStringLiteral("SIDE"));
    const QCommandLineOption devUrl(QStringLiteral("dev-url"), {}, QStringLiteral("URL"));
    const QCommandLineOption autogenerate(QStringLiteral("autogenerate"));
    const QCommandLineOption schemaFile(QStringLiteral("schema-file"), {}, QStringLiteral("PATH"));
    const QCommandLineOption fromUrl(QStringLiteral("from-url"), {}, QStringLiteral("URL"));
    const QCommandLineOption fromProfile(QStringLiteral("from-profile"), {},
                                         QStringLiteral("NAME"));
    const QCommandLineOption drift(QStringLiteral("drift"));
    const QCommandLineOption ignore(QStringLiteral("ignore"), {}, QStringLiteral("PATTERN"));
    const QCommandLineOption grants(QStringLiteral("grants"));
    const QCommandLineOption concurrently(QStringLiteral("concurrently"));
    const QList<QCommandLineOption> all = {from,
                                           concurrently,
                                           to,
                                           devUrl,
                                           autogenerate,
                                           schemaFile,
                                           fromUrl,
                                           fromProfile,
                                           drift,
                                           ignore,
                                           grants,
                                           project,
                                           url,
                                           versionTable,
                                           json,
                                           quiet,
                                           verbose,
                                           help,
                                           version,
                                           message,
                                           head,
                                           splice,
                                           branchLabel,
                                           dependsOn,
                                           revId,
                                           sql,
                                           plan,
                                           purge,
                                           lockWait,
                                           range,
                                           indicate,
                                           reason,
                                           lockTimeout,
                                           statementTimeout,
                                           createDatabase,
                                           singleTransaction,
                                           schema,
                                           dryRun,
                                           profile,
                                           format,
                                           jobs,
                                           compress,
                                           schemaOnly,
                                           out,
                                           keep,
                                           into,
                                           confirm,
                                           connectTimeout,
                                           dialect,
                                           noOwner,
                                           backupFirst,
                                           noBackup,
                                           overrideLint,
                                           since};
    parser.addOptions(all);

    // Relative targets such as -1 look like options to any parser: protect them. The value of
    // an option (`--rev-id -1`) stays as given, so its own check sees it.
    QSet<QString> takeValue;
    for (const QCommandLineOption &option : all)
        if (!option.valueName().isEmpty())
            for (const QString &name : option.names())
                takeValue.insert((name.size() == 1 ? QStringLiteral("-") : QStringLiteral("--")) +
                                 name);
    QStringList args = arguments;
    for (qsizetype i = 1; i < args.size(); ++i) {
        const QString &a = args[i];
        if (a.size() > 1 && a[0] == QLatin1Char('-') && a[1].isDigit() &&
            !takeValue.contains(args[i - 1]))
            args[i] = QStringLiteral("\x01") + a;
    }
    if (!parser.parse(args))
        return Error::usage(parser.errorText());

    Invocation inv;
    QStringList positional = parser.positionalArguments();
    for (QString &p : positional)
        if (p.startsWith(QLatin1Char('\x01')))
            p.remove(0, 1);
    for (const QCommandLineOption &option : all)
        if (parser.isSet(option))
            inv.given.append(option.names().last());

    inv.help = parser.isSet(help);
    inv.version = parser.isSet(version);
    inv.projectDir = parser.value(project);
    inv.url = parser.value(url);
    inv.profile = parser.value(profile);
    // `--url "$DATABASE_URL"` with the variable unset must not quietly mean "no --url".
    for (const QCommandLineOption *option : {&url, &profile})
        if (parser.isSet(*option) && parser.value(*option).trimmed().isEmpty())
            return Error::usage(
                QStringLiteral("--%1 is given an empty value (an unset variable?); give one, or "
                               "leave --%1 out")
                    .arg(option->names().last()));
    if (parser.isSet(format))
        inv.format = parser.value(format);
    inv.schemaOnly = parser.isSet(schemaOnly);
    inv.outDir = parser.value(out);
    inv.into = parser.value(into);
    inv.confirm = parser.value(confirm);
    inv.confirmGiven = parser.isSet(confirm);
    inv.noOwner = parser.isSet(noOwner);
    for (const auto &[option, target, low, high] :
         {std::tuple{&jobs, &inv.jobs, 1, 64}, std::tuple{&compress, &inv.compression, 0, 9},
          std::tuple{&keep, &inv.keep, 1, 100000}}) {
        if (!parser.isSet(*option))
            continue;
        bool ok = false;
        *target = parser.value(*option).toInt(&ok);
        if (!ok || *target < low || *target > high)
            return Error::usage(QStringLiteral("--%1 takes a number from %2 to %3, not '%4'")
                                    .arg(option->names().last())
                                    .arg(low)
                                    .arg(high)
                                    .arg(parser.value(*option)));
    }
    inv.versionTable = parser.value(versionTable);
    inv.schema = parser.value(schema);
    inv.json = parser.isSet(json);
    inv.quiet = parser.isSet(quiet);
    inv.verbose = parser.isSet(verbose);
    inv.message = parser.value(message);
    inv.heads = parser.values(head);
    inv.splice = parser.isSet(splice);
    inv.branchLabels = parser.values(branchLabel);
    inv.dependsOn = parser.values(dependsOn);
    inv.revId = parser.value(revId);
    inv.sql = parser.isSet(sql);
    inv.plan = parser.isSet(plan);
    inv.purge = parser.isSet(purge);
    if (parser.isSet(lockWait)) {
        bool ok = false;
        inv.lockWait = parser.value(lockWait).toInt(&ok);
        if (!ok || inv.lockWait < 0)
            return Error::usage(QStringLiteral("--lock-wait takes a number of seconds, not '%1'")
                                    .arg(parser.value(lockWait)));
    }
    if (parser.isSet(connectTimeout)) {
        bool ok = false;
        inv.connectTimeout = parser.value(connectTimeout).toInt(&ok);
        if (!ok || inv.connectTimeout < 0)
            return Error::usage(
                QStringLiteral("--connect-timeout takes a number of seconds, not '%1'")
                    .arg(parser.value(connectTimeout)));
    }
    inv.reason = parser.value(reason);
    inv.createDatabase = parser.isSet(createDatabase);
    inv.singleTransaction = parser.isSet(singleTransaction);
    inv.dryRun = parser.isSet(dryRun);
    if (parser.isSet(backupFirst) || parser.isSet(noBackup))
        inv.backupFirst = parser.isSet(backupFirst);
    inv.overrideLint = parser.value(overrideLint).trimmed();
    if (parser.isSet(overrideLint) && inv.overrideLint.isEmpty())
        return Error::usage(QStringLiteral(
            "--override-lint needs a reason (it goes to the audit log), e.g. --override-lint "
            "\"CHG-1234: table is empty\""));
    inv.dialect = parser.value(dialect);
    if (parser.isSet(dialect) && inv.dialect != QLatin1String("postgresql") &&
        inv.dialect != QLatin1String("sqlite"))
        return Error::usage(
            QStringLiteral("--dialect takes postgresql or sqlite, not '%1'").arg(inv.dialect));
    for (const auto &[option, target] : {std::pair{&lockTimeout, &inv.lockTimeoutMs},
                                         std::pair{&statementTimeout, &inv.statementTimeoutMs}}) {
        if (!parser.isSet(*option))
            continue;
        const int ms = parseDuration(parser.value(*option));
        if (ms < 0)
            return Error::usage(
                QStringLiteral("--%1 takes a time such as 500ms, 5s or 2min, not '%2'")
                    .arg(option->names().last(), parser.value(*option)));
        *target = ms;
    }
    inv.from = parser.value(from);
    inv.to = parser.value(to);
    inv.devUrl = parser.value(devUrl);
    inv.autogenerate = parser.isSet(autogenerate);
    inv.schemaFile = parser.value(schemaFile);
    inv.fromUrl = parser.value(fromUrl);
    inv.fromProfile = parser.value(fromProfile);
    inv.drift = parser.isSet(drift);
    inv.ignore = parser.values(ignore);
    inv.grants = parser.isSet(grants);
    inv.concurrently = parser.isSet(concurrently);
    for (const QCommandLineOption *option :
         {&from, &to, &devUrl, &schemaFile, &fromUrl, &fromProfile, &ignore})
        for (const QString &value : parser.values(*option))
            if (value.trimmed().isEmpty())
                return Error::usage(QStringLiteral("--%1 is given an empty value (an unset "
                                                   "variable?); give one, or leave --%1 out")
                                        .arg(option->names().last()));
    if (parser.isSet(since)) {
        // A date is local midnight; a time without an offset is local time.
        const QString text = parser.value(since).trimmed();
        inv.since = QDateTime::fromString(text, Qt::ISODate);
        if (!inv.since.isValid()) {
            const QDate day = QDate::fromString(text, Qt::ISODate);
            if (day.isValid())
                inv.since = day.startOfDay();
        }
        if (!inv.since.isValid())
            return Error::usage(QStringLiteral("--since takes a date such as 2026-11-30 or a time "
                                               "such as 2026-11-30T14:00, not '%1'")
                                    .arg(text));
    }
    inv.range = parser.value(range);
    inv.indicateCurrent = parser.isSet(indicate);

    for (const QString &list : inv.branchLabels + inv.dependsOn)
        if (list.isEmpty())
            return Error::usage(QStringLiteral("an empty --branch-label or --depends-on value"));
    auto splitCommas = [](const QStringList &values) {
        QStringList out;
        for (const QString &v : values)
            for (const QString &part : v.split(QLatin1Char(','), Qt::SkipEmptyParts))
                out.append(part.trimmed());
        return out;
    };
    inv.branchLabels = splitCommas(inv.branchLabels);
    inv.dependsOn = splitCommas(inv.dependsOn);

    if (inv.version)
        return inv;
    if (positional.isEmpty()) {
        if (inv.help)
            return inv;
        return Error::usage(QStringLiteral("no command given; try `strata --help`"));
    }
    inv.command = positional.takeFirst();
    // `strata help` is `strata --help`; `strata help COMMAND` is `strata COMMAND --help`.
    if (inv.command == QLatin1String("help")) {
        if (positional.size() > 1)
            return Error::usage(QStringLiteral("usage: strata help [COMMAND]"));
        inv.help = true;
        inv.command = positional.isEmpty() ? QString() : positional.takeFirst();
        if (inv.command.isEmpty())
            return inv;
    }
    inv.arguments = positional;
    const CommandSpec *spec = findCommand(inv.command);
    if (!spec)
        return Error::usage(
            QStringLiteral("unknown command '%1'; try `strata --help`").arg(inv.command));
    if (inv.help)
        return inv;

    for (const QString &name : inv.given) {
        if (commonOptions().contains(name) || spec->options.contains(name))
            continue;
        if (name == QLatin1String("verbose"))
            continue;
        return Error::usage(
            QStringLiteral("option --%1 does not apply to `%2`").arg(name, inv.command));
    }
    if (inv.arguments.size() < spec->minArgs ||
        (spec->maxArgs >= 0 && inv.arguments.size() > spec->maxArgs))
        return Error::usage(QStringLiteral("usage: strata %1").arg(QLatin1String(spec->synopsis)));
    // Options that ask for different things: one of each pair would be dropped silently.
    // (--sql with --single-transaction is one BEGIN ... COMMIT around the script: fine.)
    static const std::pair<const char *, const char *> exclusive[] = {
        {"sql", "plan"},     // offline SQL, or the plan in words
        {"sql", "dry-run"},  // --sql never connects; --dry-run runs against the database
        {"plan", "dry-run"}, // --plan never runs; --dry-run runs and rolls back
        {"backup-first", "no-backup"},
    };
    for (const auto &[a, b] : exclusive)
        if (inv.given.contains(QLatin1String(a)) && inv.given.contains(QLatin1String(b)))
            return Error::usage(QStringLiteral("--%1 and --%2 exclude each other")
                                    .arg(QLatin1String(a), QLatin1String(b)));
    if (inv.command == QLatin1String("audit")) {
        if (!inv.arguments.isEmpty() && inv.arguments.first() != QLatin1String("verify"))
            return Error::usage(QStringLiteral("audit takes verify or nothing, not '%1'")
                                    .arg(inv.arguments.first()));
        if (!inv.arguments.isEmpty() && (inv.since.isValid() || !inv.profile.isEmpty()))
            return Error::usage(QStringLiteral("audit verify checks the whole log: --since and "
                                               "--profile apply to the listing (strata audit)"));
    }
    if (auto schema = checkSchemaOptions(inv); !schema)
        return schema.error();
    if (inv.json && inv.sql)
        return Error::usage(QStringLiteral("--json does not apply to --sql output"));
    if (!inv.dialect.isEmpty() && !inv.sql)
        return Error::usage(QStringLiteral("--dialect applies to --sql (offline SQL) only"));
    if (!inv.url.isEmpty() && !inv.profile.isEmpty())
        return Error::usage(QStringLiteral("--url and --profile exclude each other"));
    return inv;
}

} // namespace strata::cli

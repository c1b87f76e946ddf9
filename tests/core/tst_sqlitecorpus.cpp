// The SQLite schema-diff corpus (tests/data/schema-diff-sqlite): pairs of SQLite schemas made
// for Strata, one folder each (from.sql, to.sql; rows.sql and rows.to.sql hold rows for each
// side that must survive; `expect` says "refused" for a pair Strata must refuse), each object
// kind and each table-rebuild case. Every pair, in both directions, is built in real SQLite
// files, inspected, diffed and proven with prove()'s five properties (the upgrade applies, the
// result inspects equal to the desired schema, diffing again finds nothing, the downgrade
// applies and gives the first schema back, seeded rows survive unless the diff flags deleting
// them); then the pair's own rows go through the upgrade and the downgrade in another copy, and
// every value of a column that keeps its name and type must be there afterwards. A pair is
// proven, refused or failed; a failed pair, or a refusal not expected, fails the test. Each
// pair also goes once through revision --autogenerate (SchemaWorkbench: scratch files, the
// proof, the file written), and the project at its new head must diff empty against TO.
// STRATA_CORPUS_REPORT=FILE writes every outcome as JSON; STRATA_CORPUS_ONLY=PREFIX runs only
// the pairs whose name starts so.

#include "drivers/sqlite/sqlitedriver.h"
#include "files.h"
#include "schema/inspector.h"
#include "schema/proof.h"
#include "schema/renamedfrom.h"
#include "schema/schemadiff.h"
#include "schema/schemaworkbench.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using strata::SqliteDriver;
namespace schema = strata::schema;

namespace {

constexpr int kSeedRows = 3;

QString corpus()
{
    return QStringLiteral(STRATA_SOURCE_DIR "/tests/data/schema-diff-sqlite");
}

QString read(const QString &path)
{
    return QString::fromUtf8(strata::test::readFile(path));
}

// Runs every statement of `sql` in the file at `path`; an error names the statement.
QString apply(const QString &path, const QString &sql)
{
    SqliteDriver driver(path);
    if (auto s = driver.open(); !s)
        return s.error().message;
    for (const strata::Statement &statement : SqliteDriver::split(sql, 1))
        if (auto s = driver.execute(statement); !s)
            return QStringLiteral("line %1: %2").arg(statement.line).arg(s.error().message);
    return {};
}

strata::Result<schema::SchemaModel> inspectFile(const QString &path)
{
    SqliteDriver driver(path);
    if (auto s = driver.open(); !s)
        return s.error();
    return schema::inspect(driver);
}

// Each table's rows, column by column, for the columns `keep` lists (table -> columns), as
// sorted "table.column=value" lines; `names` maps a table or "table.column" to its name in this
// database (renames).
QStringList values(SqliteDriver &driver, const QHash<QString, QStringList> &keep,
                   const QHash<QString, QString> &names)
{
    QStringList out;
    for (auto it = keep.cbegin(); it != keep.cend(); ++it) {
        const QString table = names.value(it.key(), it.key());
        for (const QString &column : it.value()) {
            const QString name = names.value(it.key() + QLatin1Char('.') + column, column);
            auto rows =
                driver.catalogQuery(QStringLiteral("SELECT quote(%1) FROM %2")
                                        .arg(schema::quoteName(name), schema::quoteName(table)));
            if (!rows) {
                out.append(QStringLiteral("%1.%2: %3").arg(it.key(), column, rows.error().message));
                continue;
            }
            for (const QStringList &row : std::as_const(*rows))
                out.append(QStringLiteral("%1.%2=%3").arg(it.key(), column, row.value(0)));
        }
    }
    out.sort();
    return out;
}

struct Outcome
{
    QString outcome; // proven, refused, failed
    QString property;
    QString object;
    QString message;
    QString area; // inspect, diff, commands, pair
    int operations = 0;
    int seeded = 0; // rows the proof seeded (and saw survive), over all tables
};

} // namespace

class TestSqliteCorpus : public QObject
{
    Q_OBJECT

    QJsonArray m_report;
    QMap<QString, int> m_counts;

    Outcome prove(const QString &pair, bool reverse, QTemporaryDir &dir)
    {
        const QString folder = corpus() + QLatin1Char('/') + pair;
        const QString fromFile =
            folder + (reverse ? QStringLiteral("/to.sql") : QStringLiteral("/from.sql"));
        const QString toFile =
            folder + (reverse ? QStringLiteral("/from.sql") : QStringLiteral("/to.sql"));
        const QString rowsFile =
            folder + (reverse ? QStringLiteral("/rows.to.sql") : QStringLiteral("/rows.sql"));
        Outcome o;
        auto failed = [&o](const QString &property, const QString &message, const QString &area) {
            o.outcome = QStringLiteral("failed");
            o.property = property;
            o.message = message;
            o.area = area;
            return o;
        };
        const QString fromDb = dir.filePath(QStringLiteral("from.db"));
        const QString toDb = dir.filePath(QStringLiteral("to.db"));
        if (const QString e = apply(fromDb, read(fromFile)); !e.isEmpty())
            return failed(QStringLiteral("pair applies"), fromFile + QStringLiteral(": ") + e,
                          QStringLiteral("pair"));
        if (const QString e = apply(toDb, read(toFile)); !e.isEmpty())
            return failed(QStringLiteral("pair applies"), toFile + QStringLiteral(": ") + e,
                          QStringLiteral("pair"));
        auto from = inspectFile(fromDb);
        if (!from)
            return failed(QStringLiteral("inspects"), from.error().message,
                          QStringLiteral("inspect"));
        auto to = inspectFile(toDb);
        if (!to)
            return failed(QStringLiteral("inspects"), to.error().message,
                          QStringLiteral("inspect"));
        auto renames = schema::parseSqliteRenames(read(toFile), toFile);
        if (!renames)
            return failed(QStringLiteral("renames read"), renames.error().toString(),
                          QStringLiteral("commands"));
        if (auto s = schema::checkRenames(*renames, toFile, *from, *to, fromFile); !s)
            return failed(QStringLiteral("renames check"), s.error().toString(),
                          QStringLiteral("commands"));
        schema::DiffOptions options;
        options.renames = schema::renameMap(*renames);
        const schema::SchemaDiff diff = schema::diff(*from, *to, options);
        o.operations = int(diff.operations.size());
        if (!diff.refused.isEmpty()) {
            o.outcome = QStringLiteral("refused");
            o.message = diff.refused.join(QStringLiteral("; "));
            o.area = QStringLiteral("diff");
            return o;
        }
        // The proof, in a copy of FROM holding the pair's rows.
        const QString proofDb = dir.filePath(QStringLiteral("proof.db"));
        QFile::copy(fromDb, proofDb);
        const QString rows = QFile::exists(rowsFile) ? read(rowsFile) : QString();
        if (const QString e = apply(proofDb, rows); !e.isEmpty())
            return failed(QStringLiteral("pair applies"), rowsFile + QStringLiteral(": ") + e,
                          QStringLiteral("pair"));
        {
            SqliteDriver scratch(proofDb);
            if (auto s = scratch.open(); !s)
                return failed(QStringLiteral("opens"), s.error().message,
                              QStringLiteral("commands"));
            auto report = schema::prove(scratch, *from, *to, diff, {}, kSeedRows);
            if (!report)
                return failed(QStringLiteral("proof runs"), report.error().message,
                              QStringLiteral("commands"));
            for (const int n : std::as_const(report->rowsSeeded))
                o.seeded += n;
            if (!report->ok()) {
                o.object = report->failedObject;
                const QString &p = report->failedProperty;
                // Statements that do not run, or rows they lose, are the diff's; a result that
                // differs may be either the diff's or the inspection's (named in the notes).
                return failed(p, report->failure,
                              p.endsWith(QLatin1String("applies")) ||
                                      p == QLatin1String("rows survive")
                                  ? QStringLiteral("diff")
                                  : QStringLiteral("diff or inspect"));
            }
        }
        // The pair's own rows: every value of a column kept with its name and type survives the
        // upgrade, and the downgrade gives every value of FROM back.
        if (!rows.isEmpty()) {
            const QString rowsDb = dir.filePath(QStringLiteral("rows.db"));
            QFile::copy(fromDb, rowsDb);
            (void)apply(rowsDb, rows);
            QHash<QString, QStringList> all, kept;
            QHash<QString, QString> renamed; // FROM names -> TO names
            for (const schema::RenameDeclaration &d : *renames) {
                const schema::SchemaObject *object = to->find(d.key);
                if (!object)
                    continue;
                if (d.kind == schema::ObjectKind::Table)
                    renamed.insert(d.oldName, object->name);
                else
                    renamed.insert(object->table + QLatin1Char('.') + d.oldName, object->name);
            }
            for (const schema::SchemaObject &c : from->objects(schema::ObjectKind::Column)) {
                all[c.table].append(c.name);
                const QString table = renamed.value(c.table, c.table);
                const QString name = renamed.value(c.table + QLatin1Char('.') + c.name, c.name);
                schema::SchemaObject desired = c;
                desired.table = table;
                desired.name = name;
                const schema::SchemaObject *there = to->find(desired.key());
                bool deleting = false;
                for (const schema::Operation &op : diff.operations)
                    deleting = deleting || (op.hazards.contains(schema::Hazard::DeletesData) &&
                                            op.object.contains(c.table));
                if (there && !deleting &&
                    there->property(QStringLiteral("type")) == c.property(QStringLiteral("type")) &&
                    there->property(QStringLiteral("generated")).isEmpty())
                    kept[c.table].append(c.name);
            }
            SqliteDriver driver(rowsDb);
            if (auto s = driver.open(); !s)
                return failed(QStringLiteral("opens"), s.error().message,
                              QStringLiteral("commands"));
            const QStringList before = values(driver, kept, {});
            const QStringList beforeAll = values(driver, all, {});
            auto run = [&driver](const QString &script, bool transactional) -> QString {
                if (transactional)
                    if (auto s = driver.begin(); !s)
                        return s.error().message;
                for (const strata::Statement &st : driver.splitStatements(script, 1))
                    if (auto s = driver.execute(st); !s) {
                        if (transactional)
                            (void)driver.rollback();
                        return st.text.section(QLatin1Char('\n'), 0, 0) + QStringLiteral(": ") +
                               s.error().message;
                    }
                if (transactional)
                    if (auto s = driver.commit(); !s)
                        return s.error().message;
                return {};
            };
            if (const QString e = run(diff.upgradeSql(), diff.transactional()); !e.isEmpty())
                return failed(QStringLiteral("upgrade applies (pair rows)"), e,
                              QStringLiteral("diff"));
            const QStringList after = values(driver, kept, renamed);
            if (after != before)
                return failed(
                    QStringLiteral("rows survive (pair rows)"),
                    QStringLiteral("before the upgrade: %1; after: %2")
                        .arg(before.join(QStringLiteral(", ")), after.join(QStringLiteral(", "))),
                    QStringLiteral("diff"));
            if (const QString e = run(diff.downgradeSql(), diff.inverseTransactional());
                !e.isEmpty())
                return failed(QStringLiteral("downgrade applies (pair rows)"), e,
                              QStringLiteral("diff"));
            bool downgradeDeletes = false;
            for (const schema::Operation &op : diff.operations)
                downgradeDeletes = downgradeDeletes ||
                                   op.inverseHazards.contains(schema::Hazard::DeletesData) ||
                                   op.hazards.contains(schema::Hazard::DeletesData);
            if (const QStringList back = values(driver, all, {});
                !downgradeDeletes && back != beforeAll)
                return failed(
                    QStringLiteral("rows survive (pair rows, downgrade)"),
                    QStringLiteral("before the upgrade: %1; after the downgrade: %2")
                        .arg(beforeAll.join(QStringLiteral(", ")), back.join(QStringLiteral(", "))),
                    QStringLiteral("diff"));
        }
        o.outcome = QStringLiteral("proven");
        return o;
    }

private Q_SLOTS:
    void pairs_data()
    {
        QTest::addColumn<QString>("pair");
        QTest::addColumn<bool>("reverse");
        const QString only = qEnvironmentVariable("STRATA_CORPUS_ONLY");
        const QStringList names =
            QDir(corpus()).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
        QVERIFY(names.size() >= 20);
        for (const QString &name : names) {
            if (!name.startsWith(only))
                continue;
            QTest::addRow("%s a>b", qPrintable(name)) << name << false;
            QTest::addRow("%s b>a", qPrintable(name)) << name << true;
        }
    }

    void pairs()
    {
        QFETCH(QString, pair);
        QFETCH(bool, reverse);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const Outcome o = prove(pair, reverse, dir);
        const QString expect =
            read(corpus() + QLatin1Char('/') + pair + QStringLiteral("/expect")).trimmed();
        ++m_counts[o.outcome];
        m_report.append(QJsonObject{
            {QStringLiteral("pair"), pair},
            {QStringLiteral("direction"), reverse ? QStringLiteral("b>a") : QStringLiteral("a>b")},
            {QStringLiteral("outcome"), o.outcome},
            {QStringLiteral("operations"), o.operations},
            {QStringLiteral("seeded"), o.seeded},
            {QStringLiteral("property"), o.property},
            {QStringLiteral("object"), o.object},
            {QStringLiteral("area"), o.area},
            {QStringLiteral("message"), o.message}});
        if (o.outcome == QLatin1String("refused")) {
            // Refusing is right only where the pair says so (and only the way that needs it).
            QVERIFY2(expect == QLatin1String("refused"), qPrintable(o.message));
            return;
        }
        QVERIFY2(
            o.outcome == QLatin1String("proven"),
            qPrintable(
                QStringLiteral("%1 [%2] %3: %4").arg(o.property, o.area, o.object, o.message)));
        // Every pair has a table: a proof that seeded nothing showed no row surviving.
        QVERIFY2(o.seeded > 0, "no row was seeded");
    }

    // The same pairs through the commands: a project whose one migration makes FROM, with TO
    // as its schema file; revision --autogenerate (SchemaWorkbench, scratch files, the proof)
    // writes the migration, and the project at its new head diffs empty against TO.
    // One direction each: the pairs above prove both; this is the commands' path.
    void autogenerate_data()
    {
        QTest::addColumn<QString>("pair");
        QTest::addColumn<bool>("reverse");
        const QString only = qEnvironmentVariable("STRATA_CORPUS_ONLY");
        for (const QString &name :
             QDir(corpus()).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name))
            if (name.startsWith(only))
                QTest::addRow("%s a>b", qPrintable(name)) << name << false;
    }
    void autogenerate()
    {
        QFETCH(QString, pair);
        QFETCH(bool, reverse);
        const QString folder = corpus() + QLatin1Char('/') + pair;
        const QString from =
            read(folder + (reverse ? QStringLiteral("/to.sql") : QStringLiteral("/from.sql")));
        const QString toFile =
            folder + (reverse ? QStringLiteral("/from.sql") : QStringLiteral("/to.sql"));
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(strata::test::writeFile(dir.filePath(QStringLiteral("strata.ini")),
                                        "[strata]\nversions = versions\n"));
        QVERIFY(strata::test::writeFile(
            dir.filePath(QStringLiteral("versions/r1.sql")),
            (QStringLiteral("-- revision: r1\n-- +upgrade\n") + from).toUtf8()));
        schema::WorkbenchOptions options;
        options.migrator.projectDir = dir.path();
        options.migrator.url = QStringLiteral("sqlite:///app.db");
        auto bench = schema::SchemaWorkbench::open(options);
        QVERIFY2(bench, qPrintable(bench ? QString() : bench.error().toString()));
        schema::AutogenerateRequest request;
        request.message = pair;
        request.revisionId = QStringLiteral("r2");
        request.desired = schema::SchemaSide::file(toFile);
        auto generated = (*bench)->autogenerate(request);
        const QString expect = read(folder + QStringLiteral("/expect")).trimmed();
        if (!generated && generated.error().code == strata::Error::Code::Refused &&
            expect == QLatin1String("refused") &&
            !generated.error().message.contains(QLatin1String("proof")))
            return;
        QVERIFY2(generated, qPrintable(generated ? QString() : generated.error().toString()));
        QVERIFY(generated->written);
        QVERIFY(generated->proof.ok());
        auto again = schema::SchemaWorkbench::open(options);
        QVERIFY(again);
        auto rest = (*again)->diff(schema::SchemaSide::revision(QStringLiteral("heads")),
                                   schema::SchemaSide::file(toFile));
        QVERIFY2(rest, qPrintable(rest ? QString() : rest.error().toString()));
        QVERIFY2(rest->diff.isEmpty(), qPrintable(rest->diff.upgradeSql()));
    }

    void cleanupTestCase()
    {
        qInfo("SQLite corpus: %d proven, %d refused, %d failed",
              m_counts.value(QStringLiteral("proven")), m_counts.value(QStringLiteral("refused")),
              m_counts.value(QStringLiteral("failed")));
        if (const QString file = qEnvironmentVariable("STRATA_CORPUS_REPORT"); !file.isEmpty())
            strata::test::writeFile(file, QJsonDocument(m_report).toJson());
    }
};

QTEST_GUILESS_MAIN(TestSqliteCorpus)
#include "tst_sqlitecorpus.moc"

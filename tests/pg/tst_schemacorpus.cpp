// The schema-diff corpus on a real PostgreSQL server: every consecutive pair of Pagila's 22
// schema versions and every migra fixture pair, in both directions, is inspected, diffed and
// proven (the upgrade applies, the result inspects equal to the desired schema, diffing again
// finds nothing, the downgrade applies and gives back the first schema, seeded rows survive
// unless the diff flags deleting them). A pair is proven, refused (the diff names the object
// it cannot handle) or failed; any failed pair fails the test.
//
// The corpus (tests/data/schema-diff, a copy of the project's shared corpus with its licences)
// comes from the STRATA_SCHEMA_CORPUS CMake variable. Set STRATA_CORPUS_REPORT to a file name
// to get every pair's outcome as JSON; STRATA_CORPUS_GRANTS to inspect, diff and compare owners
// and grants too (ctest runs the migra pairs so as tst_schemacorpus_grants);
// STRATA_CORPUS_ONLY=PREFIX to run only the pairs whose name starts so; STRATA_CORPUS_CROSSCHECK
// to check proven pairs with the older catalog reader as well.

#include "drivers/postgres/postgresdriver.h"
#include "pgserver.h"
#include "schema/inspector.h"
#include "schema/proof.h"
#include "schema/schemadiff.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QTest>

#include <algorithm>

using strata::PostgresDriver;
using strata::test::PgServer;
namespace schema = strata::schema;

namespace {

// Rows seeded into each table before the upgrade.
constexpr int kSeedRows = 3;

// One side of a pair: a schema file loaded once into a template database and inspected.
struct Side
{
    QString file;     // relative to the corpus
    QString database; // the template holding it
    QString loadError;
    std::optional<schema::SchemaModel> model;
    QString inspectError;
    // The same database through the older, independent catalog reader `strata verify` uses
    // (pgcatalog::schemaObjects), to check compare() from outside.
    QMap<QString, QString> objects;
};

// One pair in one direction, as a test row.
struct Pair
{
    QString name; // "pagila 01>02", "migra enumdeps b>a"
    QString from; // files, relative to the corpus
    QString to;
};

struct Outcome
{
    QString pair;
    QString outcome; // proven, refused, failed
    QString property;
    QString object;
    QString message;
    int operations = 0;
    int seededTables = 0;
    qint64 ms = 0;      // inspecting the two sides aside
    QString crossCheck; // what the independent reader found different, one per line
};

} // namespace

class TestSchemaCorpus : public QObject
{
    Q_OBJECT

    std::unique_ptr<PgServer> m_server;
    std::unique_ptr<PostgresDriver> m_admin;
    QDir m_corpus{QStringLiteral(STRATA_SCHEMA_CORPUS)};
    QList<Pair> m_pairs;
    QHash<QString, Side> m_sides; // by file
    QList<Outcome> m_outcomes;
    int m_scratch = 0;
    const bool m_crossCheck = qEnvironmentVariableIsSet("STRATA_CORPUS_CROSSCHECK");
    const bool m_grants = qEnvironmentVariableIsSet("STRATA_CORPUS_GRANTS");

    schema::InspectOptions inspectOptions() const
    {
        schema::InspectOptions options;
        options.ownersAndGrants = m_grants;
        return options;
    }
    QElapsedTimer m_timer; // of the current pair, from its diff on

    // Pairs of the corpus: consecutive Pagila versions and migra's a/b fixtures.
    QList<Pair> pairs() const
    {
        QList<Pair> result;
        const QStringList versions =
            QDir(m_corpus.filePath(QStringLiteral("pagila")))
                .entryList({QStringLiteral("*.sql")}, QDir::Files, QDir::Name);
        for (int i = 0; i + 1 < versions.size(); ++i) {
            const QString a = QStringLiteral("pagila/") + versions[i];
            const QString b = QStringLiteral("pagila/") + versions[i + 1];
            const QString an = versions[i].left(2), bn = versions[i + 1].left(2);
            result.append({QStringLiteral("pagila %1>%2").arg(an, bn), a, b});
            result.append({QStringLiteral("pagila %1>%2").arg(bn, an), b, a});
        }
        const QStringList fixtures = QDir(m_corpus.filePath(QStringLiteral("migra")))
                                         .entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
        for (const QString &f : fixtures) {
            const QString a = QStringLiteral("migra/%1/a.sql").arg(f);
            const QString b = QStringLiteral("migra/%1/b.sql").arg(f);
            result.append({QStringLiteral("migra %1 a>b").arg(f), a, b});
            result.append({QStringLiteral("migra %1 b>a").arg(f), b, a});
        }
        // STRATA_CORPUS_ONLY=PREFIX: only the pairs whose name starts so ("migra").
        const QString only = qEnvironmentVariable("STRATA_CORPUS_ONLY");
        if (!only.isEmpty())
            result.removeIf([&only](const Pair &p) { return !p.name.startsWith(only); });
        return result;
    }

    // Loads one schema file into a new database, as the corpus README says. Databases
    // are made with STRATEGY FILE_COPY: with fsync off its checkpoint costs nothing, where the
    // default WAL_LOG writes the whole template to the WAL (several times slower here).
    bool load(const QString &file, const QString &database, QString *error)
    {
        auto created =
            m_admin->query(QStringLiteral("CREATE DATABASE %1 STRATEGY FILE_COPY").arg(database));
        if (!created) {
            *error = created.error().message;
            return false;
        }
        QFile sql(m_corpus.filePath(file));
        if (!sql.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("cannot read %1").arg(sql.fileName());
            return false;
        }
        // One round trip for the whole file (the files hold no psql commands), where a psql
        // process per file costs several times more on a busy machine.
        PostgresDriver driver(m_server->conninfo(database), database);
        auto opened = driver.open();
        auto loaded = opened ? driver.query(QString::fromUtf8(sql.readAll()))
                             : strata::Result<QList<QStringList>>(opened.error());
        if (!loaded) {
            *error = QStringLiteral("cannot load %1: %2").arg(file, loaded.error().message);
            return false;
        }
        return true;
    }

    Side &side(const QString &file)
    {
        auto it = m_sides.find(file);
        if (it != m_sides.end())
            return *it;
        Side s;
        s.file = file;
        s.database = QStringLiteral("corpus_t%1").arg(m_sides.size() + 1);
        if (load(file, s.database, &s.loadError)) {
            PostgresDriver driver(m_server->conninfo(s.database), s.database);
            if (auto opened = driver.open(); !opened) {
                s.inspectError = opened.error().message;
            } else {
                auto model = schema::inspect(driver, inspectOptions());
                auto objects =
                    m_crossCheck ? driver.schemaObjects(QStringLiteral("strata_version"))
                                 : strata::Result<QMap<QString, QString>>(QMap<QString, QString>());
                if (model && objects) {
                    s.model = *model;
                    s.objects = *objects;
                } else {
                    s.inspectError = model ? objects.error().message : model.error().message;
                }
                driver.close();
            }
        }
        return *m_sides.insert(file, s);
    }

    // The first refusal that names no object of either model (by display() or as listed in
    // SchemaModel::unsupported), or empty when each names one.
    static QString unnamedRefusal(const QStringList &refused, const schema::SchemaModel &a,
                                  const schema::SchemaModel &b)
    {
        QStringList names;
        for (const schema::SchemaModel *model : {&a, &b}) {
            for (const schema::SchemaObject &o : model->objects())
                names.append(o.display());
            for (const QString &u : model->unsupported)
                names.append(u.section(QStringLiteral(" ("), 0, 0));
        }
        for (const QString &reason : refused) {
            bool named = false;
            for (const QString &name : std::as_const(names))
                if (!name.isEmpty() && reason.contains(name)) {
                    named = true;
                    break;
                }
            if (!named)
                return reason;
        }
        return {};
    }

    // What the independent reader finds different between `expected` and the database
    // `database`, "kind name: expected -> actual" lines; empty when the same.
    QStringList objectDifferences(const QMap<QString, QString> &expected, const QString &database,
                                  const QString &script = QString())
    {
        PostgresDriver driver(m_server->conninfo(database), database);
        if (auto opened = driver.open(); !opened)
            return {opened.error().message};
        if (!script.isEmpty()) {
            for (const strata::Statement &statement : driver.splitStatements(script, 1))
                if (auto ran = driver.query(statement.text); !ran)
                    return {QStringLiteral("the upgrade does not apply statement by statement "
                                           "outside a transaction: ") +
                            ran.error().message};
        }
        auto actual = driver.schemaObjects(QStringLiteral("strata_version"));
        if (!actual)
            return {actual.error().message};
        QStringList differences;
        QStringList keys = expected.keys() + actual->keys();
        keys.removeDuplicates();
        std::sort(keys.begin(), keys.end());
        for (const QString &key : std::as_const(keys))
            if (expected.value(key, QStringLiteral("(none)")) !=
                actual->value(key, QStringLiteral("(none)")))
                differences.append(QStringLiteral("%1: %2 -> %3")
                                       .arg(key, expected.value(key, QStringLiteral("(none)")),
                                            actual->value(key, QStringLiteral("(none)"))));
        return differences;
    }

    // STRATA_CORPUS_CROSSCHECK: a proven pair is checked once more by the independent reader:
    // the upgrade applied to another copy of A reads as B, and the proof's downgraded copy
    // (`downgradeDifferences`, read before it was dropped) as A. Findings are reported, not
    // failed: that reader sees what the model leaves out by design (names of partition indexes
    // attached to a parent index).
    QString crossChecked(const Side &a, const Side &b, const schema::SchemaDiff &generated,
                         const QStringList &downgradeDifferences)
    {
        const QString upgraded = QStringLiteral("corpus_s%1").arg(++m_scratch);
        QStringList differences;
        if (auto copied =
                m_admin->query(QStringLiteral("CREATE DATABASE %1 TEMPLATE %2 STRATEGY FILE_COPY")
                                   .arg(upgraded, a.database));
            !copied)
            differences.append(copied.error().message);
        else
            differences = objectDifferences(b.objects, upgraded, generated.upgradeSql());
        (void)m_admin->query(
            QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(upgraded));
        for (const QString &d : downgradeDifferences)
            differences.append(QStringLiteral("after the downgrade: ") + d);
        return differences.join(QLatin1Char('\n'));
    }

    void record(Outcome outcome)
    {
        outcome.ms = m_timer.isValid() ? m_timer.elapsed() : 0;
        m_outcomes.append(outcome);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(
            m_corpus.exists(QStringLiteral("README.md")),
            qPrintable(QStringLiteral("no schema-diff corpus at %1").arg(m_corpus.absolutePath())));
        QString error;
        m_server = PgServer::start(&error);
        QVERIFY2(m_server, qPrintable(error));
        // A throwaway server: nothing here needs to survive a crash, and the corpus makes
        // about two hundred databases.
        QVERIFY(m_server->psql(QStringLiteral("ALTER SYSTEM SET fsync = off")));
        QVERIFY(m_server->psql(QStringLiteral("ALTER SYSTEM SET synchronous_commit = off")));
        QVERIFY(m_server->psql(QStringLiteral("ALTER SYSTEM SET full_page_writes = off")));
        QVERIFY(m_server->psql(QStringLiteral("SELECT pg_reload_conf()")));
        // The roles the rls and privileges fixtures name (README).
        QVERIFY(m_server->psql(QStringLiteral("CREATE ROLE schemainspect_test_role")));
        m_admin =
            std::make_unique<PostgresDriver>(m_server->conninfo(), QStringLiteral("postgres"));
        auto opened = m_admin->open();
        QVERIFY2(opened, opened ? "" : qPrintable(opened.error().message));
        m_pairs = pairs();
        QVERIFY(!m_pairs.isEmpty());
    }

    void cleanupTestCase()
    {
        int proven = 0, refused = 0, failed = 0;
        QJsonArray report;
        for (const Outcome &o : std::as_const(m_outcomes)) {
            proven += o.outcome == QLatin1String("proven");
            refused += o.outcome == QLatin1String("refused");
            failed += o.outcome == QLatin1String("failed");
            report.append(QJsonObject{{QStringLiteral("pair"), o.pair},
                                      {QStringLiteral("outcome"), o.outcome},
                                      {QStringLiteral("property"), o.property},
                                      {QStringLiteral("object"), o.object},
                                      {QStringLiteral("message"), o.message},
                                      {QStringLiteral("operations"), o.operations},
                                      {QStringLiteral("seeded_tables"), o.seededTables},
                                      {QStringLiteral("ms"), o.ms},
                                      {QStringLiteral("cross_check"), o.crossCheck}});
        }
        qInfo("schema-diff corpus: %d pairs proven, %d refused, %d failed", proven, refused,
              failed);
        const QString path = qEnvironmentVariable("STRATA_CORPUS_REPORT");
        if (!path.isEmpty()) {
            QFile out(path);
            if (out.open(QIODevice::WriteOnly | QIODevice::Truncate))
                out.write(QJsonDocument(report).toJson());
        }
        if (m_admin)
            for (const Side &s : std::as_const(m_sides))
                (void)m_admin->query(
                    QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(s.database));
        m_admin.reset();
        m_server.reset();
    }

    void pair_data()
    {
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("to");
        for (const Pair &p : std::as_const(m_pairs))
            QTest::newRow(qPrintable(p.name)) << p.from << p.to;
    }

    // One pair, one direction: inspect both sides, diff, and prove the diff with seeded rows.
    void pair()
    {
        QFETCH(QString, from);
        QFETCH(QString, to);
        Outcome outcome;
        outcome.pair = QString::fromUtf8(QTest::currentDataTag());
        outcome.outcome = QStringLiteral("failed");
        m_timer.invalidate();
        // Copies: side() may grow the hash (the models themselves are shared, not copied).
        const Side a = side(from);
        const Side b = side(to);
        for (const Side *s : {&a, &b}) {
            if (!s->loadError.isEmpty() || !s->inspectError.isEmpty()) {
                outcome.property =
                    s->loadError.isEmpty() ? QStringLiteral("inspect") : QStringLiteral("load");
                outcome.object = s->file;
                outcome.message = s->loadError + s->inspectError;
                record(outcome);
                QFAIL(qPrintable(outcome.message));
            }
        }

        m_timer.start();
        schema::DiffOptions diffOptions;
        diffOptions.ownersAndGrants = m_grants;
        const schema::SchemaDiff generated = schema::diff(*a.model, *b.model, diffOptions);
        outcome.operations = int(generated.operations.size());
        if (!generated.refused.isEmpty()) {
            // A refusal counts only when it names an object of either side.
            const QString unnamed = unnamedRefusal(generated.refused, *a.model, *b.model);
            if (!unnamed.isEmpty()) {
                outcome.property = QStringLiteral("refused without naming an object");
                outcome.message = unnamed;
                record(outcome);
                QFAIL(qPrintable(QStringLiteral("refused without naming an object: ") + unnamed));
            }
            outcome.outcome = QStringLiteral("refused");
            outcome.property = QStringLiteral("refused");
            outcome.message = generated.refused.join(QStringLiteral("; "));
            record(outcome);
            qInfo("refused: %s", qPrintable(outcome.message));
            return;
        }

        const QString scratch = QStringLiteral("corpus_s%1").arg(++m_scratch);
        auto created =
            m_admin->query(QStringLiteral("CREATE DATABASE %1 TEMPLATE %2 STRATEGY FILE_COPY")
                               .arg(scratch, a.database));
        if (!created) {
            outcome.property = QStringLiteral("load");
            outcome.message = created.error().message;
            record(outcome);
            QFAIL(qPrintable(outcome.message));
        }
        strata::Result<schema::ProofReport> report = strata::Error::failure(QString());
        {
            PostgresDriver driver(m_server->conninfo(scratch), scratch);
            report =
                schema::prove(driver, *a.model, *b.model, generated, inspectOptions(), kSeedRows);
            driver.close();
        }
        const bool crossCheck = report && report->ok() && m_crossCheck;
        const QStringList downgradeDifferences =
            crossCheck ? objectDifferences(a.objects, scratch) : QStringList();
        (void)m_admin->query(
            QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(scratch));
        if (!report) {
            outcome.property = QStringLiteral("proof");
            outcome.message = report.error().message;
            record(outcome);
            QFAIL(qPrintable(outcome.message));
        }
        outcome.seededTables = int(report->rowsSeeded.size());
        if (report->ok()) {
            if (crossCheck)
                outcome.crossCheck = crossChecked(a, b, generated, downgradeDifferences);
            outcome.outcome = QStringLiteral("proven");
            record(outcome);
            return;
        }
        outcome.property = report->failedProperty;
        outcome.object = report->failedObject;
        outcome.message = report->failure;
        record(outcome);
        QFAIL(qPrintable(report->failure));
    }
};

QTEST_GUILESS_MAIN(TestSchemaCorpus)
#include "tst_schemacorpus.moc"

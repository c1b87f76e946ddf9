// The core's schema inspection and diff timed apart from everything else, for bench_schema.py.
//
//   strata_schemabench diff FROM_CONNINFO TO_CONNINFO [RUNS]
//     inspects both databases and diffs them RUNS times (default 3); prints one JSON object:
//     medians in milliseconds ("inspect_from_ms", "inspect_to_ms", "diff_ms"), "objects" of
//     each side, "operations", "refused" and the generated "upgrade_sql".
//   strata_schemabench compare EXPECTED_CONNINFO ACTUAL_CONNINFO
//     inspects both and prints {"changes": ["column public.t.a changed (...)", ...]}.
// A side written "sqlite:PATH" is a SQLite file, opened read only; anything else is a libpq
// conninfo. Exit code 1 with the message on stderr when a database cannot be read.

#include "drivers/postgres/postgresdriver.h"
#include "drivers/sqlite/sqlitedriver.h"
#include "schema/inspector.h"
#include "schema/schemadiff.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <algorithm>
#include <cstdio>

namespace schema = strata::schema;

namespace {

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.isEmpty() ? 0 : values.at(values.size() / 2);
}

// Inspects the database `conninfo` names, timing it in *ms.
strata::Result<schema::SchemaModel> inspectTimed(const QString &conninfo, double *ms)
{
    std::unique_ptr<strata::Driver> driver;
    if (conninfo.startsWith(QLatin1String("sqlite:"))) {
        auto sqlite = std::make_unique<strata::SqliteDriver>(conninfo.mid(7));
        sqlite->setReadOnly(true);
        driver = std::move(sqlite);
    } else {
        driver = std::make_unique<strata::PostgresDriver>(conninfo, QStringLiteral("database"));
    }
    if (auto opened = driver->open(); !opened)
        return opened.error();
    QElapsedTimer timer;
    timer.start();
    auto model = schema::inspect(*driver);
    *ms = double(timer.nsecsElapsed()) / 1e6;
    driver->close();
    return model;
}

int fail(const QString &message)
{
    QTextStream(stderr) << message << Qt::endl;
    return 1;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 4)
        return fail(QStringLiteral("usage: strata_schemabench diff|compare FROM TO [RUNS]"));
    const QString command = args.at(1);
    QJsonObject out;
    if (command == QLatin1String("diff")) {
        const int runs = args.size() > 4 ? std::max(1, args.at(4).toInt()) : 3;
        QList<double> inspectFrom, inspectTo, diffMs;
        schema::SchemaDiff generated;
        qsizetype fromObjects = 0, toObjects = 0;
        for (int run = 0; run < runs; ++run) {
            double a = 0, b = 0;
            auto from = inspectTimed(args.at(2), &a);
            if (!from)
                return fail(from.error().message);
            auto to = inspectTimed(args.at(3), &b);
            if (!to)
                return fail(to.error().message);
            QElapsedTimer timer;
            timer.start();
            generated = schema::diff(*from, *to);
            diffMs.append(double(timer.nsecsElapsed()) / 1e6);
            inspectFrom.append(a);
            inspectTo.append(b);
            fromObjects = from->size();
            toObjects = to->size();
        }
        out.insert(QStringLiteral("inspect_from_ms"), median(inspectFrom));
        out.insert(QStringLiteral("inspect_to_ms"), median(inspectTo));
        out.insert(QStringLiteral("diff_ms"), median(diffMs));
        out.insert(QStringLiteral("from_objects"), qint64(fromObjects));
        out.insert(QStringLiteral("to_objects"), qint64(toObjects));
        out.insert(QStringLiteral("operations"), qint64(generated.operations.size()));
        out.insert(QStringLiteral("refused"), QJsonArray::fromStringList(generated.refused));
        out.insert(QStringLiteral("transactional"), generated.transactional());
        out.insert(QStringLiteral("upgrade_sql"), generated.upgradeSql());
    } else if (command == QLatin1String("compare")) {
        double ms = 0;
        auto expected = inspectTimed(args.at(2), &ms);
        if (!expected)
            return fail(expected.error().message);
        auto actual = inspectTimed(args.at(3), &ms);
        if (!actual)
            return fail(actual.error().message);
        QJsonArray changes;
        for (const schema::ObjectChange &c : schema::compare(*expected, *actual))
            changes.append(
                c.object + QLatin1Char(' ') + schema::changeName(c.change) +
                (c.detail.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(c.detail)));
        out.insert(QStringLiteral("changes"), changes);
    } else {
        return fail(QStringLiteral("unknown command %1").arg(command));
    }
    QTextStream(stdout) << QJsonDocument(out).toJson(QJsonDocument::Compact) << Qt::endl;
    return 0;
}

// The schema commands: `strata diff`, `strata revision --autogenerate`, `strata check --drift`.
// They ask the core's SchemaWorkbench and print what it found.

#include "cli.h"
#include "interrupts.h"

#include "project/project.h"
#include "schema/schemaworkbench.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonObject>

namespace strata::cli {

namespace {

using namespace strata::schema;

// Statements each ended with ";", one after another.
QString statementsText(const QStringList &statements)
{
    QString text;
    for (const QString &statement : statements)
        text += statement + QStringLiteral(";\n");
    return text;
}

QJsonArray hazardsJson(const QList<Hazard> &hazards)
{
    QJsonArray out;
    for (Hazard hazard : hazards)
        out.append(hazardName(hazard));
    return out;
}

// The operations as the text output shows them: one whose upgrade has no statement of its own
// (an index or constraint going with its table's DROP TABLE) is not listed; its inverse joins
// the nearest listed operation before it (at the start of that one's inverse, else the end of
// the next one's), so the inverses still run in the downgrade's order.
QList<Operation> listedOperations(const SchemaDiff &diff)
{
    QList<Operation> out;
    QList<const Operation *> pending; // silent operations before the first listed one
    for (const Operation &op : diff.operations) {
        if (!op.sql.isEmpty()) {
            out.append(op);
            for (auto it = pending.crbegin(); it != pending.crend(); ++it) {
                out.last().inverseSql += (*it)->inverseSql;
                out.last().inverseHazards += (*it)->inverseHazards;
                out.last().inverseTransactional &= (*it)->inverseTransactional;
            }
            pending.clear();
            continue;
        }
        if (out.isEmpty()) {
            pending.append(&op);
            continue;
        }
        Operation &before = out.last();
        before.inverseSql = op.inverseSql + before.inverseSql;
        before.inverseHazards = op.inverseHazards + before.inverseHazards;
        before.inverseTransactional = before.inverseTransactional && op.inverseTransactional;
        before.transactional = before.transactional && op.transactional;
    }
    return out;
}

QJsonArray operationsJson(const SchemaDiff &diff)
{
    QJsonArray out;
    for (const Operation &op : listedOperations(diff))
        out.append(QJsonObject{{QStringLiteral("sql"), statementsText(op.sql)},
                               {QStringLiteral("inverse_sql"), statementsText(op.inverseSql)},
                               {QStringLiteral("kind"), op.kind},
                               {QStringLiteral("object"), op.object},
                               {QStringLiteral("hazards"), hazardsJson(op.hazards)},
                               {QStringLiteral("inverse_hazards"), hazardsJson(op.inverseHazards)},
                               {QStringLiteral("transactional"), op.transactional}});
    return out;
}

// "the definitions of range type public.r, server s (kinds Strata does not model)": what a
// "No changes" or "No drift" does not cover. Empty when nothing.
QString unmodelledNotCompared(const QStringList &objects)
{
    if (objects.isEmpty())
        return {};
    return QStringLiteral("the definition%1 of %2 (%3 Strata does not model: listed by name only)")
        .arg(objects.size() == 1 ? QString() : QStringLiteral("s"),
             objects.join(QLatin1String(", ")),
             objects.size() == 1 ? QStringLiteral("a kind") : QStringLiteral("kinds"));
}

// A refused diff as an error: the first object in the message, the others in its details.
Error refusal(const SchemaDiff &diff)
{
    Error e = Error::failure(QStringLiteral("cannot diff: %1").arg(diff.refused.first()))
                  .with(Error::Code::Refused);
    e.details = diff.refused.mid(1);
    return e;
}

} // namespace

// Runs `work` with Ctrl-C cancelling the workbench, so every scratch database is dropped as the
// command unwinds.
template <typename Work>
static auto cancellable(std::atomic<bool> &interrupted, SchemaWorkbench &workbench, Work work)
{
    const Interrupts::Scope stopping([&interrupted, &workbench] {
        interrupted.store(true);
        workbench.cancel();
    });
    return work();
}

int Cli::diff()
{
    auto from = SchemaSide::parse(m_inv.from);
    if (!from)
        return fail(from.error());
    auto to = SchemaSide::parse(m_inv.to);
    if (!to)
        return fail(to.error());
    auto workbench = openWorkbench();
    if (!workbench)
        return fail(workbench.error());
    auto result =
        cancellable(m_interrupted, **workbench, [&] { return (*workbench)->diff(*from, *to); });
    if (!result)
        return fail(result.error());
    const SchemaDiff &d = result->diff;
    if (!d.refused.isEmpty())
        return fail(refusal(d));
    if (m_inv.json) {
        printJson(
            {{QStringLiteral("not_compared"), QJsonArray::fromStringList(result->notCompared)},
             {QStringLiteral("from"), result->from.source},
             {QStringLiteral("to"), result->to.source},
             {QStringLiteral("transactional"), d.transactional()},
             {QStringLiteral("operations"), operationsJson(d)}});
        return Success;
    }
    if (d.operations.isEmpty()) {
        if (result->notCompared.isEmpty())
            m_out << QStringLiteral("-- No changes: %1 and %2 are the same schema.\n")
                         .arg(from->text(), to->text());
        else
            m_out << QStringLiteral("-- No changes between %1 and %2 in what Strata compares; not "
                                    "compared: %3.\n")
                         .arg(from->text(), to->text(), unmodelledNotCompared(result->notCompared));
        return Success;
    }
    m_out
        << QStringLiteral("-- From: %1\n-- To:   %2\n").arg(result->from.source, result->to.source);
    if (!result->notCompared.isEmpty())
        m_out << QStringLiteral("-- Not compared: %1.\n")
                     .arg(unmodelledNotCompared(result->notCompared));
    if (!d.transactional())
        m_out << QStringLiteral("-- Not transactional: a statement below cannot run inside a "
                                "transaction block.\n");
    m_out << '\n' << d.upgradeSql();
    return Success;
}

int Cli::autogenerate()
{
    if (m_inv.message.isEmpty())
        return fail(
            Error::usage(QStringLiteral("a new revision needs a message: -m \"what it does\"")));
    auto workbench = openWorkbench();
    if (!workbench)
        return fail(workbench.error());
    SchemaWorkbench &bench = **workbench;
    AutogenerateRequest request;
    request.message = m_inv.message;
    request.revisionId = m_inv.revId;
    if (!m_inv.fromUrl.isEmpty()) {
        request.desired = {SchemaSide::Kind::Url, m_inv.fromUrl};
    } else if (!m_inv.fromProfile.isEmpty()) {
        request.desired = {SchemaSide::Kind::Profile, m_inv.fromProfile};
    } else {
        const QString configured = bench.migrator().project().config().schemaFile;
        if (m_inv.schemaFile.isEmpty() && configured.isEmpty())
            return fail(Error::usage(QStringLiteral(
                "--autogenerate needs the desired state: --schema-file PATH, schema_file in "
                "strata.ini, --from-url URL or --from-profile NAME")));
        // strata.ini's path is the project's; --schema-file's is the command line's.
        request.desired = SchemaSide::file(
            m_inv.schemaFile.isEmpty() ? QDir(bench.migrator().projectRoot()).filePath(configured)
                                       : m_inv.schemaFile);
    }
    auto result = cancellable(m_interrupted, bench, [&] { return bench.autogenerate(request); });
    if (!result)
        return fail(result.error());
    if (!result->written) {
        if (m_inv.json)
            printJson({{QStringLiteral("changes"), false},
                       {QStringLiteral("not_compared"),
                        QJsonArray::fromStringList(result->notCompared)}});
        if (result->notCompared.isEmpty())
            say(QStringLiteral("No changes: the project at its head matches %1.")
                    .arg(request.desired.text()));
        else
            say(QStringLiteral("No changes: the project at its head matches %1 in what Strata "
                               "compares; not compared: %2.")
                    .arg(request.desired.text(), unmodelledNotCompared(result->notCompared)));
        return Success;
    }
    const QString shown = pathForUser(result->path);
    if (m_inv.json) {
        printJson(
            {{QStringLiteral("changes"), true},
             {QStringLiteral("not_compared"), QJsonArray::fromStringList(result->notCompared)},
             {QStringLiteral("path"), result->path},
             {QStringLiteral("revision"), result->revision},
             {QStringLiteral("transactional"),
              result->diff.transactional() && result->diff.inverseTransactional()},
             {QStringLiteral("operations"), operationsJson(result->diff)}});
        return Success;
    }
    say(QStringLiteral("Generated %1 (%2), proven in a scratch database: the upgrade applies and "
                       "gives the desired schema, a second diff finds nothing, the downgrade "
                       "gives the previous schema back.")
            .arg(shown,
                 QStringLiteral("%1 operation%2")
                     .arg(result->diff.operations.size())
                     .arg(result->diff.operations.size() == 1 ? QString() : QStringLiteral("s"))));
    if (!result->notCompared.isEmpty())
        say(QStringLiteral("Not compared: %1.").arg(unmodelledNotCompared(result->notCompared)));
    say(QStringLiteral("Review it before committing: hazards are marked with \"-- hazard:\"."));
    return Success;
}

int Cli::drift()
{
    auto workbench = openWorkbench();
    if (!workbench)
        return fail(workbench.error());
    SchemaWorkbench &bench = **workbench;
    auto report = cancellable(m_interrupted, bench, [&] { return bench.drift(m_inv.ignore); });
    if (!report)
        return fail(report.error());
    // What a "No drift" does not cover, said with it.
    QStringList notCompared;
    if (!report->ownersAndGrantsCompared)
        notCompared.append(QStringLiteral("owners and grants (compare them with --grants)"));
    if (!report->unsupportedNotCompared.isEmpty())
        notCompared.append(unmodelledNotCompared(report->unsupportedNotCompared));
    if (report->ignoredFindings > 0)
        notCompared.append(QStringLiteral("%1 finding%2 hidden by the ignore patterns (%3)")
                               .arg(report->ignoredFindings)
                               .arg(report->ignoredFindings == 1 ? QString() : QStringLiteral("s"))
                               .arg(report->ignorePatterns.join(QLatin1String(", "))));
    if (m_inv.json) {
        QJsonArray drift;
        for (const ObjectChange &c : report->changes)
            drift.append(QJsonObject{{QStringLiteral("kind"), kindName(c.kind)},
                                     {QStringLiteral("object"), c.object},
                                     {QStringLiteral("change"), changeName(c.change)},
                                     {QStringLiteral("detail"), c.detail}});
        for (const UnsupportedChange &c : report->unsupported)
            drift.append(QJsonObject{{QStringLiteral("kind"), c.kind},
                                     {QStringLiteral("object"), c.object},
                                     {QStringLiteral("change"), changeName(c.change)},
                                     {QStringLiteral("detail"), c.detail},
                                     {QStringLiteral("modelled"), false}});
        printJson({{QStringLiteral("database"), report->database},
                   {QStringLiteral("current"), QJsonArray::fromStringList(report->current)},
                   {QStringLiteral("drift"), drift},
                   {QStringLiteral("not_compared"), QJsonArray::fromStringList(notCompared)},
                   {QStringLiteral("ignored"), report->ignoredFindings}});
        return report->hasDrift() ? CheckFailed : Success;
    }
    const QString at = report->current.isEmpty() ? QStringLiteral("base")
                                                 : report->current.join(QLatin1String(", "));
    if (!report->hasDrift()) {
        say(QStringLiteral("No drift: the schema of %1 is what its migrations make (at %2).")
                .arg(report->database, at));
        for (const QString &line : std::as_const(notCompared))
            say(QStringLiteral("Not compared: %1.").arg(line));
        return Success;
    }
    m_out << QStringLiteral("Drift: the schema of %1 differs from its migrations (at %2):\n")
                 .arg(report->database, at);
    const auto print = [this](ObjectChange::Change change, const QString &object,
                              const QString &detail) {
        m_out << QStringLiteral("  %1 %2\n").arg(changeName(change), -8).arg(object);
        for (const QString &line : detail.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
            m_out << QStringLiteral("      %1\n").arg(line);
    };
    for (const ObjectChange &c : report->changes)
        print(c.change, c.object, c.detail);
    for (const UnsupportedChange &c : report->unsupported)
        print(c.change, c.object, c.detail);
    for (const QString &line : std::as_const(notCompared))
        m_out << QStringLiteral("Not compared: %1.\n").arg(line);
    return CheckFailed;
}

Result<std::unique_ptr<SchemaWorkbench>> Cli::openWorkbench()
{
    auto options = migratorOptions();
    if (!options)
        return options.error();
    WorkbenchOptions workbench;
    workbench.migrator = *options;
    workbench.devUrl = m_inv.devUrl;
    workbench.ownersAndGrants = m_inv.grants;
    workbench.concurrentIndexes = m_inv.concurrently;
    workbench.progress = [this](const QString &line) { note(line); };
    auto opened = SchemaWorkbench::open(workbench);
    if (!opened)
        return opened;
    note(QStringLiteral("database: %1 (from %2)")
             .arg((*opened)->migrator().databaseDisplay(), (*opened)->migrator().databaseSource()));
    if (!m_inv.quiet)
        for (const QString &line : (*opened)->migrator().connectionInfo().notes)
            m_err << "strata: note: " << line << Qt::endl;
    return opened;
}

} // namespace strata::cli

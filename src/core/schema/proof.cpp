// prove(): a generated migration shown to work on a copy of FROM before it is written. The
// five properties are checked in order (upgrade applies, the result inspects equal to TO,
// diffing again finds nothing, the downgrade applies, the result inspects equal to FROM), and
// rows seeded into FROM beforehand must survive unless the diff said it deletes them.
#include "schema/proof.h"

#include "schema/proofseed.h"

#include "drivers/driver.h"

#include <QHash>
#include <QMap>
#include <QRegularExpression>
#include <QSet>

namespace strata::schema {

namespace {

// Differences listed in a failure, at most; the rest are counted.
constexpr int kListedDifferences = 8;

// The key of the table `schema`.`name` in a model.
QString tableKey(const QString &schema, const QString &name)
{
    SchemaObject table;
    table.kind = ObjectKind::Table;
    table.schema = schema;
    table.name = name;
    return table.key();
}

// "column public.t.a changed: type: integer -> bigint" lines, the first few of them.
QString describeChanges(const QList<ObjectChange> &changes)
{
    QStringList lines;
    for (const ObjectChange &c : changes) {
        if (lines.size() == kListedDifferences) {
            lines.append(QStringLiteral("and %1 more").arg(changes.size() - kListedDifferences));
            break;
        }
        QString line = c.object + QLatin1Char(' ') + changeName(c.change);
        if (!c.detail.isEmpty())
            line +=
                QStringLiteral(" (") +
                c.detail.split(QLatin1Char('\n'), Qt::SkipEmptyParts).join(QStringLiteral("; ")) +
                QLatin1Char(')');
        lines.append(line);
    }
    return lines.join(QStringLiteral("; "));
}

// The operation one statement of a script belongs to, for naming the object in a failure.
const Operation *operationOf(const SchemaDiff &diff, const QString &statement, bool inverse)
{
    const QString wanted = statement.trimmed();
    for (const Operation &op : diff.operations)
        for (const QString &sql : inverse ? op.inverseSql : op.sql) {
            QString s = sql.trimmed();
            if (s.endsWith(QLatin1Char(';')))
                s.chop(1);
            if (!s.isEmpty() && (wanted == s || wanted.contains(s)))
                return &op;
        }
    return nullptr;
}

bool isConnectionTrouble(const Error &e)
{
    return e.code == Error::Code::ConnectionLost || e.code == Error::Code::ConnectionFailed ||
           e.code == Error::Code::Cancelled;
}

// Runs a script in the scratch database, in one transaction when `transactional`. On a
// statement's failure: false with *failedStatement and *message set. A lost connection is an
// Error.
Result<bool> runScript(Driver &scratch, const QString &script, bool transactional,
                       QString *failedStatement, QString *message)
{
    const QList<Statement> statements = scratch.splitStatements(script, 1);
    if (statements.isEmpty())
        return true;
    if (transactional)
        if (auto s = scratch.begin(); !s)
            return s.error();
    for (const Statement &statement : statements) {
        auto s = scratch.execute(statement);
        if (s)
            continue;
        if (transactional)
            (void)scratch.rollback();
        if (isConnectionTrouble(s.error()))
            return s.error();
        *failedStatement = statement.text.trimmed();
        *message = s.error().message;
        return false;
    }
    if (transactional)
        if (auto s = scratch.commit(); !s) {
            if (isConnectionTrouble(s.error()))
                return s.error();
            *failedStatement = QStringLiteral("COMMIT");
            *message = s.error().message;
            return false;
        }
    (void)scratch.resetSession();
    return true;
}

// The statement as a failure quotes it: its first line, shortened.
QString shortStatement(const QString &statement)
{
    QString first = statement.section(QLatin1Char('\n'), 0, 0).trimmed();
    if (first.size() > 160)
        first = first.left(157) + QStringLiteral("...");
    return first;
}

// Keys of the tables whose rows an operation flagged DeletesData may remove.
QSet<QString> tablesLosingData(const SchemaDiff &diff, const SchemaModel &from,
                               const SchemaModel &to, bool inverse)
{
    QHash<QString, const SchemaObject *> byDisplay;
    const QList<SchemaObject> fromObjects = from.objects();
    const QList<SchemaObject> toObjects = to.objects();
    for (const QList<SchemaObject> *list : {&toObjects, &fromObjects})
        for (const SchemaObject &o : *list)
            byDisplay.insert(o.display(), &o);
    QSet<QString> tables;
    for (const Operation &op : diff.operations) {
        if (!(inverse ? op.inverseHazards : op.hazards).contains(Hazard::DeletesData))
            continue;
        const SchemaObject *object = byDisplay.value(op.object);
        if (object && object->kind == ObjectKind::Table) {
            tables.insert(object->key());
        } else if (object && !object->table.isEmpty()) {
            tables.insert(tableKey(object->schema, object->table));
        } else {
            // A type or another object beneath columns: the tables using it, else any table
            // the operation names; when neither can be told, every table.
            bool found = false;
            for (const QList<SchemaObject> *list : {&fromObjects, &toObjects})
                for (const SchemaObject &o : *list)
                    if (o.kind == ObjectKind::Column && object &&
                        o.dependsOn.contains(object->key())) {
                        tables.insert(tableKey(o.schema, o.table));
                        found = true;
                    } else if (o.kind == ObjectKind::Table &&
                               op.object.contains(qualify(o.schema, o.name))) {
                        tables.insert(o.key());
                        found = true;
                    }
            if (!found)
                for (const SchemaObject &o : from.objects(ObjectKind::Table))
                    tables.insert(o.key());
        }
    }
    return tables;
}

// Tables the diff renames (ALTER TABLE old RENAME TO new): FROM key -> the new name, unquoted.
QHash<QString, QString> renamedTables(const SchemaDiff &diff, const SchemaModel &from)
{
    // A name is "quoted" (quotes doubled inside) or plain; the old one may be qualified.
    static const QString name = QStringLiteral("(?:\"(?:[^\"]|\"\")*\"|[^\\s.\"]+)");
    static const QRegularExpression rename(
        QStringLiteral("^\\s*ALTER TABLE (?:IF EXISTS )?(?:ONLY )?(%1(?:\\.%1)?) RENAME TO (%1)"
                       "\\s*;?\\s*$")
            .arg(name),
        QRegularExpression::CaseInsensitiveOption);
    QHash<QString, QString> renames;
    for (const Operation &op : diff.operations)
        for (const QString &sql : op.sql) {
            const QRegularExpressionMatch m = rename.match(sql);
            if (!m.hasMatch())
                continue;
            for (const SchemaObject &t : from.objects(ObjectKind::Table))
                if (qualify(t.schema, t.name) == m.captured(1)) {
                    QString name = m.captured(2);
                    if (name.startsWith(QLatin1Char('"')) && name.endsWith(QLatin1Char('"')))
                        name = name.mid(1, name.size() - 2)
                                   .replace(QStringLiteral("\"\""), QStringLiteral("\""));
                    renames.insert(t.key(), name);
                }
        }
    return renames;
}

// Seeded tables missing rows now ("table public.t: 3 rows seeded, 1 left after the upgrade").
// `now`: the model the database should match at this point (TO after the upgrade, FROM after
// the downgrade); `renames`: tables renamed since FROM (key -> new name).
Result<QStringList> lostRows(Driver &scratch, const SchemaModel &from, const SchemaModel &now,
                             const QMap<QString, int> &seeded, const QSet<QString> &excused,
                             const QHash<QString, QString> &renames, const QString &when)
{
    QStringList lost;
    for (auto it = seeded.cbegin(); it != seeded.cend(); ++it) {
        if (excused.contains(it.key()))
            continue;
        const SchemaObject *table = from.find(it.key());
        if (!table)
            continue;
        SchemaObject current = *table;
        if (renames.contains(it.key()))
            current.name = renames.value(it.key());
        if (const SchemaObject *described = now.find(current.key()))
            current = *described;
        auto rows = scratch.catalogQuery(
            detail::ownRowsSql(current, qualify(current.schema, current.name), from.engine));
        if (!rows) {
            if (isConnectionTrouble(rows.error()))
                return rows.error();
            lost.append(QStringLiteral("%1: %2 rows seeded, cannot count them %3: %4")
                            .arg(table->display())
                            .arg(it.value())
                            .arg(when, rows.error().message));
            continue;
        }
        const int left = rows->isEmpty() ? 0 : rows->first().value(0).toInt();
        if (left < it.value())
            lost.append(QStringLiteral("%1: %2 rows seeded, %3 left %4")
                            .arg(table->display())
                            .arg(it.value())
                            .arg(left)
                            .arg(when));
    }
    return lost;
}

// One failed property, with the object it names.
void fail(ProofReport *report, const QString &property, const QString &object, const QString &text)
{
    report->failedProperty = property;
    report->failedObject = object;
    report->failure = text;
}

// Applies one direction; false in the report when it did not apply.
Result<bool> apply(Driver &scratch, const SchemaDiff &diff, bool inverse, ProofReport *report)
{
    QString statement, message;
    auto applied = runScript(scratch, inverse ? diff.downgradeSql() : diff.upgradeSql(),
                             inverse ? diff.inverseTransactional() : diff.transactional(),
                             &statement, &message);
    if (!applied)
        return applied.error();
    if (*applied)
        return true;
    const Operation *op = operationOf(diff, statement, inverse);
    const QString property =
        inverse ? QStringLiteral("downgrade applies") : QStringLiteral("upgrade applies");
    const QString object = op ? op->object : QString();
    fail(report, property, object,
         QStringLiteral("the %1 does not apply: %2%3: %4")
             .arg(inverse ? QStringLiteral("downgrade") : QStringLiteral("upgrade"),
                  op ? operationText(*op) + QStringLiteral(", ") : QString(),
                  shortStatement(statement), message));
    return false;
}

// Inspects the scratch database and compares it with `expected`; false in the report when
// they differ.
bool matches(Driver &scratch, const SchemaModel &expected, const InspectOptions &options,
             const QString &property, const QString &what, ProofReport *report,
             SchemaModel *inspected)
{
    auto model = inspect(scratch, options);
    if (!model) {
        fail(report, property, QString(),
             QStringLiteral("cannot inspect the database after the %1: %2")
                 .arg(what, model.error().message));
        return false;
    }
    *inspected = *model;
    CompareOptions compareOptions;
    compareOptions.ownersAndGrants = options.ownersAndGrants;
    const QList<ObjectChange> changes = compare(expected, *model, compareOptions);
    if (changes.isEmpty())
        return true;
    fail(report, property, changes.first().object,
         QStringLiteral("the database after the %1 differs from the %2: %3")
             .arg(what,
                  what == QLatin1String("upgrade") ? QStringLiteral("desired schema")
                                                   : QStringLiteral("schema before it"),
                  describeChanges(changes)));
    return false;
}

} // namespace

Result<ProofReport> prove(Driver &scratch, const SchemaModel &from, const SchemaModel &to,
                          const SchemaDiff &generated, const InspectOptions &inspectOptions,
                          int seedRows)
{
    ProofReport report;
    if (auto s = scratch.open(); !s)
        return s.error();

    QMap<QString, int> seeded;
    if (seedRows > 0) {
        auto s = detail::seedRows(scratch, from, to, seedRows);
        if (!s)
            return s.error();
        seeded = *s;
    }
    report.rowsSeeded = seeded;

    // 1. The upgrade applies.
    auto up = apply(scratch, generated, false, &report);
    if (!up)
        return up.error();
    if (!*up)
        return report;
    report.upgradeApplied = true;
    const QSet<QString> upgradeDeletes = tablesLosingData(generated, from, to, false);
    auto lostUp = lostRows(scratch, from, to, seeded, upgradeDeletes,
                           renamedTables(generated, from), QStringLiteral("after the upgrade"));
    if (!lostUp)
        return lostUp.error();
    report.rowsLost = *lostUp;

    // 2. The result inspects equal to TO.
    SchemaModel upgraded;
    if (!matches(scratch, to, inspectOptions, QStringLiteral("upgrade matches"),
                 QStringLiteral("upgrade"), &report, &upgraded))
        return report;
    report.upgradeMatches = true;

    // 3. Diffing the result with TO again finds nothing.
    DiffOptions again;
    again.ownersAndGrants = inspectOptions.ownersAndGrants;
    const SchemaDiff rest = diff(upgraded, to, again);
    if (!rest.isEmpty()) {
        QStringList what;
        for (const Operation &op : rest.operations)
            what.append(operationText(op));
        what += rest.refused;
        if (what.size() > kListedDifferences) {
            const qsizetype more = what.size() - kListedDifferences;
            what = what.mid(0, kListedDifferences);
            what.append(QStringLiteral("and %1 more").arg(more));
        }
        fail(&report, QStringLiteral("diff again empty"),
             rest.operations.isEmpty() ? QString() : rest.operations.first().object,
             QStringLiteral("diffing the upgraded database with the desired schema again "
                            "finds: %1")
                 .arg(what.join(QStringLiteral("; "))));
        return report;
    }
    report.diffAgainEmpty = true;

    // 4. The downgrade applies.
    auto down = apply(scratch, generated, true, &report);
    if (!down)
        return down.error();
    if (!*down)
        return report;
    report.downgradeApplied = true;
    const QSet<QString> downgradeDeletes =
        upgradeDeletes + tablesLosingData(generated, from, to, true);
    auto lostDown = lostRows(scratch, from, from, seeded, downgradeDeletes, {},
                             QStringLiteral("after the downgrade"));
    if (!lostDown)
        return lostDown.error();

    // 5. The result inspects equal to FROM.
    SchemaModel downgraded;
    if (!matches(scratch, from, inspectOptions, QStringLiteral("downgrade matches"),
                 QStringLiteral("downgrade"), &report, &downgraded))
        return report;
    report.downgradeMatches = true;

    // A table counts once, where its rows went first.
    QSet<QString> reported;
    for (const QString &line : std::as_const(report.rowsLost))
        reported.insert(line.section(QLatin1Char(':'), 0, 0));
    for (const QString &line : *lostDown)
        if (!reported.contains(line.section(QLatin1Char(':'), 0, 0)))
            report.rowsLost.append(line);
    if (!report.rowsLost.isEmpty()) {
        const QString first = report.rowsLost.first();
        fail(&report, QStringLiteral("rows survive"), first.section(QLatin1Char(':'), 0, 0),
             QStringLiteral("rows seeded before the upgrade were lost without a deletes_data "
                            "hazard: %1")
                 .arg(report.rowsLost.join(QStringLiteral("; "))));
    }
    return report;
}

QString operationText(const Operation &op)
{
    const QString kind = QLatin1Char(' ') + op.kind + QLatin1Char(' ');
    const QStringList words = op.object.split(QLatin1Char(' '));
    // The object's own kind: its first word or two ("table", "materialized view").
    for (qsizetype n = qMin<qsizetype>(2, words.size() - 1); n >= 1; --n) {
        const QString prefix = words.mid(0, n).join(QLatin1Char(' '));
        ObjectKind objectKind;
        if (kindFromName(prefix, &objectKind) &&
            kind.contains(QLatin1Char(' ') + prefix + QLatin1Char(' ')))
            return op.kind + QLatin1Char(' ') + words.mid(n).join(QLatin1Char(' '));
    }
    return op.kind + QLatin1Char(' ') + op.object;
}

} // namespace strata::schema

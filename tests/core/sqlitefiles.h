#pragma once

// Real SQLite files for the SQLite diff's tests: a file made from SQL in a temporary folder,
// a script run on one as a migration step runs (BEGIN IMMEDIATE, each statement through
// Strata's SQLite driver, COMMIT or ROLLBACK), rows read back, the schema inspected and
// compared.

#include "drivers/sqlite/sqlitedriver.h"
#include "schema/inspector.h"
#include "schema/schemadiff.h"

#include <QFile>
#include <QMap>
#include <QTemporaryDir>
#include <QtGlobal>

namespace strata::test {

using namespace strata::schema;

class SqliteFiles
{
public:
    // A path for a new file in the folder.
    QString freshPath() { return m_dir.path() + QStringLiteral("/db%1.sqlite").arg(++m_count); }
    // A copy of the file at `path`, or empty.
    QString copy(const QString &path)
    {
        const QString to = freshPath();
        return QFile::copy(path, to) ? to : QString();
    }

    // A fresh SQLite file holding what `sql` makes (statements split by the driver).
    QString file(const QString &sql)
    {
        const QString path = freshPath();
        SqliteDriver driver(path);
        if (!driver.open().ok())
            return {};
        for (const Statement &statement : SqliteDriver::split(sql, 1)) {
            const Status status = driver.execute(statement);
            if (!status.ok()) {
                qWarning("%s: %s", qPrintable(statement.text), qPrintable(status.error().message));
                return {};
            }
        }
        return path;
    }

    // Runs `script` as one migration step does: BEGIN IMMEDIATE, each statement, COMMIT.
    static Status run(const QString &path, const QString &script)
    {
        SqliteDriver driver(path);
        if (Status opened = driver.open(); !opened)
            return opened;
        if (Status begun = driver.begin(); !begun)
            return begun;
        for (const Statement &statement : SqliteDriver::split(script, 1)) {
            if (Status status = driver.execute(statement); !status) {
                (void)driver.rollback();
                Error error = status.error();
                error.message += QStringLiteral(" [") + statement.text + QLatin1Char(']');
                return error;
            }
        }
        return driver.commit();
    }

    static QStringList rows(const QString &path, const QString &sql)
    {
        SqliteDriver driver(path);
        if (!driver.open().ok())
            return {QStringLiteral("(cannot open)")};
        const auto result = driver.catalogQuery(sql);
        if (!result)
            return {result.error().message};
        QStringList out;
        for (const QStringList &row : *result)
            out.append(row.join(QLatin1Char('|')));
        return out;
    }

    static Result<SchemaModel> inspectFile(const QString &path)
    {
        SqliteDriver driver(path);
        if (Status opened = driver.open(); !opened)
            return opened.error();
        return inspect(driver);
    }

    // Rows per table of `model`, read from `path`.
    static QMap<QString, QString> counts(const QString &path, const SchemaModel &model)
    {
        QMap<QString, QString> out;
        for (const SchemaObject &table : model.objects(ObjectKind::Table))
            out.insert(
                table.name,
                rows(path, QStringLiteral("SELECT count(*) FROM \"%1\"").arg(table.name)).value(0));
        return out;
    }

    static QString changes(const SchemaModel &expected, const SchemaModel &actual)
    {
        QStringList out;
        for (const ObjectChange &change : compare(expected, actual))
            out.append(changeName(change.change) + QLatin1Char(' ') + change.object +
                       QLatin1Char(' ') + change.detail);
        return out.join(QLatin1Char('\n'));
    }

private:
    QTemporaryDir m_dir;
    int m_count = 0;
};

} // namespace strata::test

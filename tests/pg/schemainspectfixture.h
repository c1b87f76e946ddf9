#pragma once

// What the schema inspection tests share: a throwaway server, a database per case, scripts
// loaded with psql, a database read into a SchemaModel, and changes as text.

#include "drivers/postgres/postgresdriver.h"
#include "pgserver.h"
#include "schema/inspector.h"
#include "schema/schemadiff.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

#include <memory>

namespace strata::test {

using namespace strata::schema;

class SchemaInspectFixture
{
protected:
    std::unique_ptr<PgServer> m_server;
    QTemporaryDir m_home;
    int m_databases = 0;

    static QString corpusDir()
    {
        return QStringLiteral(STRATA_SOURCE_DIR "/../shared/corpus/schema-diff");
    }

    // A new empty database; its name.
    QString newDatabase()
    {
        const QString name = QStringLiteral("inspect%1").arg(++m_databases);
        QString out;
        if (!m_server->psql(QStringLiteral("CREATE DATABASE %1").arg(name), &out))
            qWarning("CREATE DATABASE failed: %s", qPrintable(out));
        return name;
    }

    QString psqlPath() const
    {
        const QString inBin = m_server->binDir() + QStringLiteral("/psql");
        return QFile::exists(inBin) ? inBin : QStringLiteral("psql");
    }

    // Runs a script with psql -f (so statements run one by one, as a file would be loaded);
    // false and psql's output in *error on failure.
    bool load(const QString &database, const QString &sql, QString *error = nullptr,
              const QStringList &extra = {})
    {
        const QString file = m_home.filePath(QStringLiteral("script%1.sql").arg(m_databases));
        QFile f(file);
        if (!f.open(QIODevice::WriteOnly))
            return false;
        f.write(sql.toUtf8());
        f.close();
        return run(psqlPath(),
                   QStringList{QStringLiteral("-X"), QStringLiteral("-q"), QStringLiteral("-v"),
                               QStringLiteral("ON_ERROR_STOP=1"), QStringLiteral("-d"),
                               m_server->conninfo(database)} +
                       extra + QStringList{QStringLiteral("-f"), file},
                   error);
    }

    static bool run(const QString &program, const QStringList &arguments, QString *error)
    {
        QProcess process;
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.start(program, arguments);
        const bool finished = process.waitForFinished(120000);
        const QString out = QString::fromLocal8Bit(process.readAll());
        const bool ok =
            finished && process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
        if (!ok && error)
            *error = program + QStringLiteral(": ") + out;
        if (!ok)
            qWarning("%s failed: %s", qPrintable(program), qPrintable(out));
        return ok;
    }

    strata::Result<SchemaModel> read(const QString &database, const InspectOptions &options = {})
    {
        strata::PostgresDriver driver(m_server->conninfo(database), database);
        if (strata::Status opened = driver.open(); !opened)
            return opened.error();
        return inspect(driver, options);
    }

    static QString describe(const QList<ObjectChange> &changes)
    {
        QStringList text;
        for (const ObjectChange &change : changes)
            text << changeName(change.change) + QLatin1Char(' ') + change.object +
                        (change.detail.isEmpty() ? QString()
                                                 : QStringLiteral(": ") + change.detail);
        return text.join(QLatin1Char('\n'));
    }

    static const SchemaObject *object(const SchemaModel &model, ObjectKind kind,
                                      const QString &schema, const QString &table,
                                      const QString &name, const QString &arguments = {})
    {
        SchemaObject probe;
        probe.kind = kind;
        probe.schema = schema;
        probe.table = table;
        probe.name = name;
        probe.arguments = arguments;
        return model.find(probe.key());
    }
};

} // namespace strata::test

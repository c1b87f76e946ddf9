#pragma once

// Setting the scene in a SQLite file beside the code under test, over a Qt Sql connection of
// its own that is closed again at once.

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QStringList>
#include <QUuid>

namespace strata::test {

// Runs ';'-separated statements; the first field of every row they return, joined by ',', or
// "ERROR" when one fails.
inline QString sqliteRun(const QString &file, const QString &sql)
{
    const QString name = QUuid::createUuid().toString();
    bool ok = false;
    QStringList rows;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(file);
        ok = db.open();
        for (const QString &statement : sql.split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
            if (!ok || statement.trimmed().isEmpty())
                continue;
            QSqlQuery q(db);
            ok = q.exec(statement);
            while (ok && q.next())
                rows.append(q.value(0).toString());
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return ok ? rows.join(QLatin1Char(',')) : QStringLiteral("ERROR");
}

} // namespace strata::test

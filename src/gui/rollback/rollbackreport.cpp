#include "rollback/rollbackreport.h"

#include "storage/privatefiles.h"

#include "profiles/environmentname.h"

#include <QCoreApplication>
#include <QDir>
#include <QRegularExpression>
#include <QStandardPaths>

namespace strata::gui {

namespace {

QString esc(const QString &text)
{
    return text.toHtmlEscaped();
}

QString revisions(const QStringList &list)
{
    return list.isEmpty() ? RollbackReport::tr("base (no migration applied)")
                          : list.join(QLatin1String(", "));
}

QString when(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"))
                          : QStringLiteral("–");
}

} // namespace

QString RollbackReport::html(const RollbackRecord &r)
{
    QString out;
    const QString outcome = r.success ? tr("Rolled back") : tr("Rollback failed");
    out +=
        QStringLiteral("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>%1: %2</title>"
                       "<style>body{font-family:sans-serif;margin:2em;color:#222}"
                       "table{border-collapse:collapse}td,th{border:1px solid #ccc;"
                       "padding:4px 8px;text-align:left;vertical-align:top}"
                       ".ok{color:#2e7d32}.bad{color:#c62828}</style></head><body>\n")
            .arg(esc(outcome), esc(r.profile));
    out += QStringLiteral("<h1 class=\"%1\">%2: %3</h1>\n")
               .arg(r.success ? QStringLiteral("ok") : QStringLiteral("bad"), esc(outcome),
                    esc(r.profile));
    out += QStringLiteral("<table>\n");
    const QList<std::pair<QString, QString>> rows = {
        {tr("Profile"), r.environment.isEmpty() ? r.profile
                                                : QStringLiteral("%1 (%2)").arg(
                                                      r.profile, environmentName(r.environment))},
        {tr("Database"), r.database},
        {tr("Returned to"), r.targetDescription.isEmpty()
                                ? r.target
                                : QStringLiteral("%1 (%2)").arg(r.targetDescription, r.target)},
        {tr("Before"), revisions(r.fromRevisions)},
        {tr("Left at"), revisions(r.toRevisions)},
        {tr("Reason"), r.reason},
        {tr("Run by"), r.osUser},
        {tr("Started"), when(r.startedAt)},
        {tr("Finished"), when(r.finishedAt)},
        {tr("Safety backup"),
         r.backupFile.isEmpty() ? r.backupNote : r.backupFile + QLatin1String(" ") + r.backupNote},
        {tr("Strata"), r.toolVersion},
    };
    for (const auto &[key, value] : rows)
        out += QStringLiteral("<tr><th>%1</th><td>%2</td></tr>\n").arg(esc(key), esc(value));
    out += QStringLiteral("</table>\n<h2>%1</h2>\n<table>\n<tr><th>#</th><th>%2</th><th>%3</th>"
                          "<th>%4</th></tr>\n")
               .arg(esc(tr("Steps")), esc(tr("Revision")), esc(tr("Undid")), esc(tr("Outcome")));
    for (int i = 0; i < r.steps.size(); ++i) {
        const RollbackRecord::Step &s = r.steps.at(i);
        const QString result =
            s.outcome == RollbackRecord::Step::Outcome::Done
                ? QStringLiteral("<span class=\"ok\">%1</span>").arg(esc(tr("done")))
            : s.outcome == RollbackRecord::Step::Outcome::Failed
                ? QStringLiteral("<span class=\"bad\">%1</span>").arg(esc(tr("failed")))
                : esc(tr("not run"));
        out += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td><td>%4</td></tr>\n")
                   .arg(i + 1)
                   .arg(esc(s.revision), esc(s.message), result);
    }
    out += QStringLiteral("</table>\n");
    if (!r.error.isEmpty())
        out += QStringLiteral("<h2 class=\"bad\">%1</h2>\n<pre>%2</pre>\n")
                   .arg(esc(tr("Error")), esc(r.error));
    if (!r.restoreResult.isEmpty())
        out += QStringLiteral("<h2>%1</h2>\n<p>%2</p>\n")
                   .arg(esc(tr("Restore from the safety backup")), esc(r.restoreResult));
    out += QStringLiteral("</body></html>\n");
    return out;
}

QString RollbackReport::save(const RollbackRecord &record, const QString &dir, QString *error)
{
    // The SQL of every rollback: 0600 in a 0700 folder (PrivateFiles), whatever the umask.
    if (auto made = PrivateFiles::ensureFolder(dir); !made) {
        *error = made.error().message;
        return {};
    }
    QString name = record.profile;
    name.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9._-]+")), QStringLiteral("_"));
    const QString path = QDir(dir).filePath(
        QStringLiteral("rollback-%1-%2.html")
            .arg(name,
                 (record.finishedAt.isValid() ? record.finishedAt : QDateTime::currentDateTimeUtc())
                     .toUTC()
                     .toString(QStringLiteral("yyyyMMdd-HHmmss"))));
    auto written = PrivateFiles::writeFile(path, html(record).toUtf8());
    if (!written) {
        *error = written.error().message;
        return {};
    }
    return path;
}

QString RollbackReport::defaultDir()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation))
        .filePath(QStringLiteral("reports"));
}

} // namespace strata::gui

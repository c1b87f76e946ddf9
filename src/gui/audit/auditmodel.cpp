#include "audit/auditmodel.h"

#include "connection/connectiondisplay.h"

#include <QBrush>
#include <QColor>
#include <QLocale>

#include <algorithm>

namespace strata::gui {

namespace {

// An entry's revisions as shown: base when none, unknown when they could not be read.
QString revisionsText(const AuditEntry &entry, const QString &revisions)
{
    if (entry.notRead(revisions))
        return AuditModel::tr("unknown");
    return revisions.isEmpty() ? AuditModel::tr("(base)") : revisions;
}

} // namespace

AuditModel::AuditModel(QObject *parent) : QAbstractTableModel(parent) {}

Status AuditModel::reload(const QString &filePath)
{
    auto entries = AuditLog(filePath).readAll();
    beginResetModel();
    m_entries.clear();
    if (entries) {
        m_entries = *entries;
        std::reverse(m_entries.begin(), m_entries.end());
    }
    endResetModel();
    if (!entries)
        return entries.error();
    return {};
}

int AuditModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int AuditModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AuditModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_entries.size())
        return {};
    const AuditEntry &e = m_entries.at(index.row());
    if (role == Qt::ForegroundRole && index.column() == Result) {
        if (e.result.startsWith(QLatin1String("failed")))
            return QBrush(QColor(0xc6, 0x28, 0x28));
        if (e.result == QLatin1String("cancelled"))
            return QBrush(QColor(0xef, 0x6c, 0x00));
        return {};
    }
    if (role == Qt::ToolTipRole && (index.column() == Result || index.column() == Reason))
        return index.column() == Result ? e.result : e.reason;
    if (role == Qt::ToolTipRole && (index.column() == From || index.column() == To))
        return e.unread; // why a side shows unknown
    if (role == SortRole) {
        if (index.column() == Time)
            return e.time;
        if (index.column() == Duration)
            return e.durationMs;
        return data(index, Qt::DisplayRole);
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Time:
        return QLocale().toString(e.time.toLocalTime(), QLocale::ShortFormat);
    case Source:
        return e.source == QLatin1String("cli") ? tr("CLI") : tr("App");
    case Profile:
        return e.profile;
    case Database:
        return ConnectionDisplay::readable(e.database);
    case User:
        return e.osUser;
    case Action:
        return e.action;
    case From:
        return revisionsText(e, e.fromRevisions);
    case To:
        return revisionsText(e, e.toRevisions);
    case Result:
        return e.result.section(QLatin1Char('\n'), 0, 0);
    case Reason:
        return e.reason.section(QLatin1Char('\n'), 0, 0);
    case Duration:
        return tr("%1 s").arg(double(e.durationMs) / 1000.0, 0, 'f', 1);
    default:
        return {};
    }
}

QVariant AuditModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Time:
        return tr("Time");
    case Source:
        return tr("Via");
    case Profile:
        return tr("Profile");
    case Database:
        return tr("Database");
    case User:
        return tr("User");
    case Action:
        return tr("Action");
    case From:
        return tr("Revisions before");
    case To:
        return tr("Revisions after");
    case Result:
        return tr("Result");
    case Reason:
        return tr("Reason");
    case Duration:
        return tr("Duration");
    default:
        return {};
    }
}

} // namespace strata::gui

#include "backups/backupmodel.h"

#include "backup/backuprunner.h"
#include "connection/connectiondisplay.h"

#include <QApplication>
#include <QFileInfo>
#include <QLocale>
#include <QStyle>

namespace strata::gui {

BackupModel::BackupModel(QObject *parent) : QAbstractTableModel(parent) {}

void BackupModel::setBackups(QList<BackupInfo> backups)
{
    beginResetModel();
    m_backups = std::move(backups);
    endResetModel();
}

const BackupInfo *BackupModel::backupAt(int row) const
{
    return row >= 0 && row < m_backups.size() ? &m_backups[row] : nullptr;
}

void BackupModel::setVerified(const QString &path, bool ok)
{
    m_verified.insert(path, ok);
    for (int row = 0; row < m_backups.size(); ++row)
        if (m_backups.at(row).path == path)
            Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

int BackupModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_backups.size());
}

int BackupModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant BackupModel::data(const QModelIndex &index, int role) const
{
    const BackupInfo *b = backupAt(index.row());
    if (!b)
        return {};
    if (role == Qt::DecorationRole && index.column() == Time && m_verified.contains(b->path))
        return QApplication::style()->standardIcon(m_verified.value(b->path)
                                                       ? QStyle::SP_DialogApplyButton
                                                       : QStyle::SP_MessageBoxCritical);
    if (role == Qt::ToolTipRole)
        return tr("%1\nSHA-256 %2\ntaken with %3 by Strata %4 in %5 s")
            .arg(b->path, b->sha256, b->dumpTool, b->toolVersion)
            .arg(double(b->durationMs) / 1000.0, 0, 'f', 1);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Time:
        return QLocale().toString(b->createdAt.toLocalTime(), QLocale::ShortFormat);
    case Database:
        return ConnectionDisplay::readable(b->database);
    case Format:
        return b->schemaOnly ? tr("%1, schema only").arg(b->format) : b->format;
    case Size:
        return BackupRunner::humanSize(b->sizeBytes);
    case Revisions:
        return b->revisions.isEmpty() ? tr("base") : b->revisions.join(QLatin1String(", "));
    case File:
        return QFileInfo(b->path).fileName();
    default:
        return {};
    }
}

QVariant BackupModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Time:
        return tr("Taken");
    case Database:
        return tr("Database");
    case Format:
        return tr("Format");
    case Size:
        return tr("Size");
    case Revisions:
        return tr("At revision");
    case File:
        return tr("File");
    default:
        return {};
    }
}

} // namespace strata::gui

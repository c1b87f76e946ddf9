#pragma once

#include "backup/backupcatalog.h"

#include <QAbstractTableModel>

namespace strata::gui {

// The catalogued backups of one profile, newest first, as the Backups tab lists them.
class BackupModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Time, Database, Format, Size, Revisions, File, ColumnCount };

    explicit BackupModel(QObject *parent = nullptr);

    void setBackups(QList<BackupInfo> backups);
    const BackupInfo *backupAt(int row) const;
    // Marks a backup as checked (true: its checksum matched; false: it did not).
    void setVerified(const QString &path, bool ok);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QList<BackupInfo> m_backups;
    QHash<QString, bool> m_verified;
};

} // namespace strata::gui

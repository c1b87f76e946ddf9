#pragma once

#include "jobs/projectsnapshot.h"

#include <QAbstractTableModel>

namespace strata::gui {

// Every revision of a snapshot, newest first, for the History tab.
class HistoryModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        Graph,
        Revision,
        Message,
        Labels,
        State,
        AppliedAt,
        AppliedBy,
        Duration,
        ColumnCount
    };
    enum Role { RowRole = Qt::UserRole + 1 }; // const RevisionRow * as quintptr

    explicit HistoryModel(QObject *parent = nullptr);

    void setSnapshot(SnapshotPtr snapshot);
    SnapshotPtr snapshot() const { return m_snapshot; }
    const RevisionRow *revisionAt(int row) const;

    static QString stateText(RevisionRow::State state);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    SnapshotPtr m_snapshot;
};

} // namespace strata::gui

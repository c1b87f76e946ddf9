#pragma once

#include "audit/auditlog.h"

#include <QAbstractTableModel>

namespace strata::gui {

// The audit log, newest first, for the Audit tab.
class AuditModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        Time,
        Source,
        Profile,
        Database,
        User,
        Action,
        From,
        To,
        Duration,
        Result,
        Reason,
        ColumnCount
    };
    // Sorting values: the time and the duration as numbers, the rest as shown.
    static constexpr int SortRole = Qt::UserRole + 1;

    explicit AuditModel(QObject *parent = nullptr);

    // Reads the file again; an unreadable file leaves the model empty and returns the error.
    Status reload(const QString &filePath);
    const AuditEntry &entry(int row) const { return m_entries.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QList<AuditEntry> m_entries;
};

} // namespace strata::gui
